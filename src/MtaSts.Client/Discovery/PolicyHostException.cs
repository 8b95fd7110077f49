using System;

namespace MtaSts.Client.Discovery;

/// <summary>
/// Carries why the connection to a Policy Host was refused out of the HTTP handler's connect and
/// certificate callbacks, through the exceptions the handler wraps around it, to the fetcher.
/// </summary>
internal sealed class PolicyHostException : Exception
{
    public PolicyHostException()
        : this(PolicyFetchFailureReason.Connect, "The connection to the Policy Host failed.")
    {
    }

    public PolicyHostException(string message)
        : this(PolicyFetchFailureReason.Connect, message)
    {
    }

    public PolicyHostException(string message, Exception innerException)
        : this(PolicyFetchFailureReason.Connect, message, innerException)
    {
    }

    public PolicyHostException(PolicyFetchFailureReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public PolicyFetchFailureReason Reason { get; }
}
