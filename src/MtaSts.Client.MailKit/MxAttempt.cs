using System.Collections.Generic;
using System.Net;
using MailKit.Net.Smtp;
using MtaSts.Client.Decision;
using MtaSts.Client.Discovery;

namespace MtaSts.Client.MailKit;

/// <summary>
/// What happened at one MX host while a message was sent: where it connected, what the policy decided, what
/// the server said.
/// </summary>
public sealed class MxAttempt
{
    internal MxAttempt(
        MxHostRecord host,
        string? policyId,
        IReadOnlyList<IPAddress> addresses,
        IPAddress? connectedAddress,
        MxAttemptOutcome outcome,
        MxDecision? decision,
        string? error,
        bool isSecure,
        bool retriedWithoutTls,
        SmtpResponse? response)
    {
        Host = host.Host;
        Preference = host.Preference;
        IsImplicit = host.IsImplicit;
        PolicyId = policyId;
        Addresses = addresses;
        ConnectedAddress = connectedAddress;
        Outcome = outcome;
        Decision = decision;
        Error = error;
        IsSecure = isSecure;
        RetriedWithoutTls = retriedWithoutTls;
        Response = response;
    }

    /// <summary>Gets the MX host name (or the smart host's, or the domain itself when it has no MX).</summary>
    public string Host { get; }

    /// <summary>Gets the MX preference; 0 for a smart host or the implicit MX.</summary>
    public int Preference { get; }

    /// <summary>Gets a value indicating whether the domain has no MX record and this is the domain itself.</summary>
    public bool IsImplicit { get; }

    /// <summary>
    /// Gets the id of the policy the MX host was checked under; <see langword="null"/> when none applied.
    /// </summary>
    public string? PolicyId { get; }

    /// <summary>Gets the addresses connected to, in order; empty when the host was refused or had none.</summary>
    public IReadOnlyList<IPAddress> Addresses { get; }

    /// <summary>Gets the address the SMTP session ran on, or <see langword="null"/> when none got that far.</summary>
    public IPAddress? ConnectedAddress { get; }

    /// <summary>Gets what happened.</summary>
    public MxAttemptOutcome Outcome { get; }

    /// <summary>
    /// Gets the per-MX decision (RFC 8461 §4, §5), with its RFC 8460 result type for a report;
    /// <see langword="null"/> when the host was unreachable before there was anything to decide.
    /// </summary>
    public MxDecision? Decision { get; }

    /// <summary>Gets why the host was unreachable or the session failed; <see langword="null"/> otherwise.</summary>
    public string? Error { get; }

    /// <summary>Gets a value indicating whether the session that carried the message ran over TLS.</summary>
    public bool IsSecure { get; }

    /// <summary>
    /// Gets a value indicating whether the TLS handshake failed and the message went in plaintext on a
    /// second connection to the same address, which only a policy in <c>testing</c> (or none) allows.
    /// </summary>
    public bool RetriedWithoutTls { get; }

    /// <summary>Gets the server's reply to the message, or <see langword="null"/> when it was not sent.</summary>
    public SmtpResponse? Response { get; }

    /// <inheritdoc/>
    public override string ToString()
    {
        string what = Outcome switch
        {
            MxAttemptOutcome.Refused => $"refused: {Decision}",
            MxAttemptOutcome.Unreachable => $"unreachable: {Error}",
            _ => $"{Outcome.ToString().ToLowerInvariant()} ({(int?)Response?.StatusCode} {Response?.Response})"
                + (Decision is { IsFailure: true } failed ? $", {failed.ResultType}" : string.Empty),
        };
        return $"{Host} (preference {Preference}): {what}";
    }
}
