using System;

namespace MtaSts.Client.Discovery;

/// <summary>
/// Thrown by <see cref="IHostAddressResolver"/> when DNS failed temporarily: a server answered
/// SERVFAIL or REFUSED, or none answered in time. A name that does not exist is not a failure.
/// </summary>
public sealed class DnsResolutionException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="DnsResolutionException"/> class.</summary>
    public DnsResolutionException()
        : this("A DNS lookup failed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DnsResolutionException"/> class.</summary>
    /// <param name="message">The message.</param>
    public DnsResolutionException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DnsResolutionException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DnsResolutionException(string message, Exception? innerException)
        : base(message, innerException)
    {
        HostName = string.Empty;
        Reason = message ?? string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="DnsResolutionException"/> class.</summary>
    /// <param name="hostName">The host that could not be resolved.</param>
    /// <param name="reason">Why, for example <c>the DNS server 192.0.2.53:53 answered SERVFAIL</c>.</param>
    /// <param name="innerException">The cause, if an exception was behind it.</param>
    public DnsResolutionException(string hostName, string reason, Exception? innerException = null)
        : base($"DNS could not resolve '{hostName}': {reason}", innerException)
    {
        HostName = hostName ?? string.Empty;
        Reason = reason ?? string.Empty;
    }

    /// <summary>Gets the host that could not be resolved, or an empty string when not given.</summary>
    public string HostName { get; }

    /// <summary>Gets why the lookup failed.</summary>
    public string Reason { get; }
}
