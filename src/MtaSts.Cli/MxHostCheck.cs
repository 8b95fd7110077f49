using MtaSts.Client.Decision;
using MtaSts.Client.Discovery;
using MtaSts.Client.MailKit;

namespace MtaSts.Cli;

/// <summary>What the probe saw at one MX host of the checked domain, and what a sender would decide.</summary>
/// <param name="Record">The MX host and its preference, or the domain itself when it has no MX record.</param>
/// <param name="MatchesPolicy">
/// Whether an <c>mx</c> pattern of the policy covers the host; <see langword="null"/> when no
/// policy applies (none found, or mode <c>none</c>).
/// </param>
/// <param name="Probe">What the host showed; <see langword="null"/> when the session did not end in time.</param>
/// <param name="Decision">
/// What a sender would decide; <see langword="null"/> when the host could not be reached, which is
/// no TLS failure (RFC 8460 §4.3.4).
/// </param>
/// <param name="Problem">Why the host could not be reached; <see langword="null"/> when it was.</param>
internal sealed record MxHostCheck(
    MxHostRecord Record,
    bool? MatchesPolicy,
    MxProbeResult? Probe,
    MxDecision? Decision,
    string? Problem)
{
    /// <summary>Gets the MX host name.</summary>
    public string Host => Record.Host;

    /// <summary>Gets a value indicating whether an SMTP session with the host came as far as a decision.</summary>
    public bool IsReachable => Decision is not null;

    /// <summary>Gets the certificate the host presented, if any.</summary>
    public MxProbeCertificate? Certificate => Probe?.Certificate;

    /// <summary>Gets a value indicating whether the host offered STARTTLS in its reply to EHLO.</summary>
    public bool StartTlsOffered => Probe?.StartTlsOffered ?? false;

    /// <summary>Gets the name the host gave in its reply to EHLO, or else in its greeting.</summary>
    public string? HeloName => Probe?.EhloHost ?? Probe?.GreetingHost;
}
