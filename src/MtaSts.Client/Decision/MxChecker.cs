using System;
using System.Security.Cryptography.X509Certificates;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;

namespace MtaSts.Client.Decision;

/// <summary>
/// Decides whether a message may go to one MX host under the MTA-STS policy that applies (RFC 8461
/// §4, §5): first the MX pattern match, then STARTTLS, then the certificate, in the order of the
/// decision table of §8.4, with DANE, <c>TLS-Required: No</c> and report delivery taken into account.
/// </summary>
/// <remarks>
/// <see cref="CheckMx"/> is
/// synchronous and does no I/O (unless <see cref="MxCertificateOptions.AllowCertificateDownloads"/>
/// or <see cref="MxCertificateOptions.CheckRevocation"/> is on), so it can run inside a TLS
/// validation callback. Safe for concurrent use; create one per process and share it. Certificates
/// whose chain was found trusted are remembered, so a known MX host costs no chain building.
/// </remarks>
public sealed class MxChecker
{
    private const string StartTlsStatus = "4.7.4";
    private const string CryptographicStatus = "4.7.5";
    private const string SecurityStatus = "4.7.0";

    private static readonly Lazy<MxChecker> s_default = new(() => new MxChecker());

    private readonly MxCertificateValidator _certificates;

    /// <summary>Initializes a new instance of the <see cref="MxChecker"/> class.</summary>
    /// <param name="options">How certificates are validated; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">
    /// The clock certificates are checked against; <see langword="null"/> for the system clock.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid.</exception>
    public MxChecker(MxCertificateOptions? options = null, TimeProvider? timeProvider = null)
    {
        options = options?.Clone() ?? new MxCertificateOptions();
        options.Validate();
        _certificates = new MxCertificateValidator(options, timeProvider ?? TimeProvider.System);
    }

    /// <summary>Gets a checker with the default options: the platform's trust store, offline, the system clock.</summary>
    public static MxChecker Default => s_default.Value;

    internal TrustedChainCache ChainCache => _certificates.Cache;

    /// <summary>Decides whether a message may go to one MX host under the policy a resolution found.</summary>
    /// <param name="resolution">What <see cref="MtaStsPolicyResolver.ResolveAsync"/> answered for the Policy Domain.</param>
    /// <param name="mxHost">The MX host name as the MX record gives it (or the domain itself when it has no MX).</param>
    /// <param name="certificate">
    /// The certificate the MX host presented, or <see langword="null"/> when STARTTLS was not offered
    /// or the handshake failed (say which in <paramref name="context"/>).
    /// </param>
    /// <param name="chain">The chain the TLS layer built, whose extra store holds what the server sent; only a help.</param>
    /// <param name="context">What else is known about the message and the session.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="resolution"/> or <paramref name="mxHost"/> is null.</exception>
    public MxDecision CheckMx(
        PolicyResolution resolution,
        string mxHost,
        X509Certificate2? certificate,
        X509Chain? chain = null,
        MxCheckContext context = default)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        return CheckMxForPolicy(resolution.Policy, mxHost, certificate, chain, context);
    }

    /// <summary>
    /// Decides whether a message may go to one MX host under a policy the caller holds, for example
    /// the smart host's policy when mail is relayed through one (RFC 8461 §3.4).
    /// </summary>
    /// <param name="policy">The policy that applies, or <see langword="null"/> when none does.</param>
    /// <param name="mxHost">The MX host name as the MX record gives it (or the domain itself when it has no MX).</param>
    /// <param name="certificate">
    /// The certificate the MX host presented, or <see langword="null"/> when STARTTLS was not offered
    /// or the handshake failed (say which in <paramref name="context"/>).
    /// </param>
    /// <param name="chain">
    /// The chain the TLS layer built, whose extra store holds what the server sent; only a help, and
    /// <see langword="null"/> when there is none.
    /// </param>
    /// <param name="context">What else is known about the message and the session; <c>default</c> for nothing.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mxHost"/> is null.</exception>
    public MxDecision CheckMxForPolicy(
        MtaStsPolicy? policy,
        string mxHost,
        X509Certificate2? certificate,
        X509Chain? chain = null,
        MxCheckContext context = default)
    {
        ArgumentNullException.ThrowIfNull(mxHost);

        // RFC 8461 §2: a passing MTA-STS check never overrides a failing DANE check, whatever the mode.
        PolicyMode? mode = policy?.Mode;
        if (context.Dane == DaneOutcome.Failed)
        {
            MxVerdict verdict = context.IsReportDelivery ? MxVerdict.DeliverAndReport : MxVerdict.Refuse;
            return MxDecision.Failed(verdict, ResultTypes.TlsaInvalid, MxReasonCodes.DaneFailed,
                $"The DANE check of {mxHost} failed; MTA-STS cannot override it.", CryptographicStatus,
                mode, null, context.IsReportDelivery);
        }

        if (policy is null || policy.Mode == PolicyMode.None)
        {
            return MxDecision.NoPolicy(context.IsReportDelivery);
        }

        MxVerdict onFailure = FailureVerdict(policy.Mode, context);
        if (!policy.TryMatch(mxHost, out MxPattern pattern))
        {
            return MxDecision.Failed(onFailure, ResultTypes.ValidationFailure, MxReasonCodes.MxNotInPolicy,
                $"{mxHost} matches no mx pattern of the policy ({string.Join(", ", policy.MxPatterns)}).",
                SecurityStatus, policy.Mode, null, context.IsReportDelivery);
        }

        if (certificate is null)
        {
            return context.HandshakeFailed
                ? MxDecision.Failed(onFailure, ResultTypes.ValidationFailure, MxReasonCodes.HandshakeFailed,
                    $"The TLS handshake with {mxHost} failed.", CryptographicStatus,
                    policy.Mode, pattern, context.IsReportDelivery)
                : MxDecision.Failed(onFailure, ResultTypes.StartTlsNotSupported, MxReasonCodes.StartTlsNotOffered,
                    $"{mxHost} did not offer STARTTLS.", StartTlsStatus,
                    policy.Mode, pattern, context.IsReportDelivery);
        }

        // DECISIONS 26: a passed DANE check stands in for PKIX; the pattern check above still applied.
        if (context.Dane == DaneOutcome.Passed
            || _certificates.TryValidate(mxHost, certificate, chain, out CertificateFailure failure))
        {
            return MxDecision.Delivered(policy.Mode, pattern, context.IsReportDelivery);
        }

        return MxDecision.Failed(onFailure, failure.ResultType, failure.ReasonCode, failure.Message,
            CryptographicStatus, policy.Mode, pattern, context.IsReportDelivery);
    }

    /// <summary>
    /// What a failure means: a refusal under <c>enforce</c>, unless the message is a report (RFC 8460
    /// §3) or carries <c>TLS-Required: No</c> without <c>REQUIRETLS</c> (RFC 8689).
    /// </summary>
    private static MxVerdict FailureVerdict(PolicyMode mode, MxCheckContext context)
    {
        bool overridden = context.IsReportDelivery || (context.TlsRequiredNo && !context.RequireTls);
        return mode == PolicyMode.Enforce && !overridden ? MxVerdict.Refuse : MxVerdict.DeliverAndReport;
    }
}
