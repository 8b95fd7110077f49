using System;

namespace MtaSts.Client.Discovery;

/// <summary>What building a certificate's chain to a trusted root concluded, and until when that holds.</summary>
internal readonly struct ChainVerdict
{
    public ChainVerdict(ChainStatus status, string reasonCode, string message, DateTimeOffset validUntil)
    {
        Status = status;
        ReasonCode = reasonCode;
        Message = message;
        ValidUntil = validUntil;
    }

    public ChainStatus Status { get; }

    /// <summary>Gets a short code for a report's <c>failure-reason-code</c>, such as <c>partial-chain</c>.</summary>
    public string ReasonCode { get; }

    public string Message { get; }

    /// <summary>Gets the earliest end of validity in a trusted chain; past it the verdict no longer holds.</summary>
    public DateTimeOffset ValidUntil { get; }

    public bool IsTrusted => Status == ChainStatus.Trusted;
}
