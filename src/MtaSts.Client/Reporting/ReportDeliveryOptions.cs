using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;

namespace MtaSts.Client.Reporting;

/// <summary>How reports are posted to <c>https:</c> destinations.</summary>
public sealed class ReportDeliveryOptions
{
    /// <summary>Gets or sets the deadline of one POST, connecting and sending included.</summary>
    /// <value>30 seconds. Must be positive.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets a value indicating whether a report receiver's certificate errors are ignored,
    /// which RFC 8460 §3 allows submitters to do.
    /// </summary>
    /// <value>
    /// <see langword="false"/>: the certificate must chain to a trusted root and name the host in a
    /// subjectAltName DNS-ID, so that a report goes to no one but the domain's receiver.
    /// </value>
    public bool IgnoreCertificateErrors { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether receivers on loopback, private and other non-global
    /// addresses may be posted to.
    /// </summary>
    /// <value>
    /// <see langword="false"/>: a <c>rua</c> record is written by whoever controls the domain's DNS,
    /// so it must not point the sender at its own network.
    /// </value>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Gets the only roots a receiver's certificate may chain to; empty for the system's roots.</summary>
    public X509Certificate2Collection TrustRoots { get; } = [];

    /// <summary>Checks every setting and reports all problems at once.</summary>
    /// <param name="prefix">The name the owner gives these options, for the messages.</param>
    /// <exception cref="ArgumentException">A setting is out of range; the message names each.</exception>
    public void Validate(string? prefix = null)
    {
        var problems = new List<string>();
        Collect(prefix, problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException("The report delivery options are invalid: " + string.Join(" ", problems));
        }
    }

    internal void Collect(string? prefix, List<string> problems)
    {
        string name = prefix is null ? nameof(Timeout) : prefix + "." + nameof(Timeout);
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMilliseconds(int.MaxValue))
        {
            problems.Add($"{name} must be positive and under 24 days (was {Timeout}).");
        }
    }
}
