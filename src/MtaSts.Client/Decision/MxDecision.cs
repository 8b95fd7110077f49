using System;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Decision;

/// <summary>
/// Whether a message may go to one MX host under the policy that applies, why, and what an RFC 8460
/// report and an SMTP deferral say about it.
/// </summary>
public readonly struct MxDecision
{
    private const string MeetsPolicy = "The MX host matches the policy and presented a valid certificate.";
    private const string Unpoliced = "No MTA-STS policy applies; deliver as without MTA-STS.";

    private readonly string? _resultType;
    private readonly string? _reason;

    private MxDecision(
        MxVerdict verdict,
        string resultType,
        string? reasonCode,
        string reason,
        string? enhancedStatusCode,
        PolicyMode? mode,
        MxPattern? matchedPattern,
        bool isReportDelivery)
    {
        Verdict = verdict;
        _resultType = resultType;
        ReasonCode = reasonCode;
        _reason = reason;
        EnhancedStatusCode = enhancedStatusCode;
        Mode = mode;
        MatchedPattern = matchedPattern;
        IsReportDelivery = isReportDelivery;
    }

    /// <summary>Gets what the sender may do with the MX host.</summary>
    public MxVerdict Verdict { get; }

    /// <summary>
    /// Gets the RFC 8460 result type: <see cref="ResultTypes.Success"/>, or the failure's type such
    /// as <see cref="ResultTypes.CertificateExpired"/>.
    /// </summary>
    public string ResultType => _resultType ?? ResultTypes.Success;

    /// <summary>
    /// Gets one of <see cref="MxReasonCodes"/>, for a report's <c>failure-reason-code</c>;
    /// <see langword="null"/> when nothing failed.
    /// </summary>
    public string? ReasonCode { get; }

    /// <summary>Gets a sentence saying what was decided and why, for logs and deferral messages.</summary>
    public string Reason => _reason ?? Unpoliced;

    /// <summary>
    /// Gets the RFC 3463 enhanced status code of a failure (such as <c>4.7.5</c> for a certificate
    /// that fails), for the MTA's deferral; <see langword="null"/> when nothing failed.
    /// </summary>
    public string? EnhancedStatusCode { get; }

    /// <summary>Gets the mode of the policy that applied, or <see langword="null"/> when none did.</summary>
    public PolicyMode? Mode { get; }

    /// <summary>Gets the <c>mx</c> pattern the host matched, or <see langword="null"/> when it matched none.</summary>
    public MxPattern? MatchedPattern { get; }

    /// <summary>Gets a value indicating whether the session delivers an RFC 8460 report, which no report counts.</summary>
    public bool IsReportDelivery { get; }

    /// <summary>Gets a value indicating whether the MX host failed the policy (even if the message may still go).</summary>
    public bool IsFailure =>
        _resultType is not null && !string.Equals(_resultType, ResultTypes.Success, StringComparison.Ordinal);

    /// <summary>Gets a value indicating whether the message may be handed to the MX host.</summary>
    public bool MayDeliver => Verdict != MxVerdict.Refuse;

    /// <inheritdoc/>
    public override string ToString() =>
        IsFailure ? $"{Verdict} ({ResultType}, {ReasonCode}): {Reason}" : $"{Verdict}: {Reason}";

    internal static MxDecision NoPolicy(bool isReportDelivery) =>
        new(MxVerdict.NoPolicy, ResultTypes.Success, null, Unpoliced, null, null, null, isReportDelivery);

    internal static MxDecision Delivered(PolicyMode mode, MxPattern pattern, bool isReportDelivery) =>
        new(MxVerdict.Deliver, ResultTypes.Success, null, MeetsPolicy, null, mode, pattern, isReportDelivery);

    internal static MxDecision Failed(
        MxVerdict verdict,
        string resultType,
        string reasonCode,
        string reason,
        string enhancedStatusCode,
        PolicyMode? mode,
        MxPattern? matchedPattern,
        bool isReportDelivery) =>
        new(verdict, resultType, reasonCode, reason, enhancedStatusCode, mode, matchedPattern, isReportDelivery);
}
