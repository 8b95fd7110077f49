using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using MtaSts.Client.Decision;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;

namespace MtaSts.Client.Reporting;

/// <summary>
/// The outcome of one SMTP session (or delivery attempt) for a TLS report: a success, or the
/// failures it ran into, recorded against the policy it was made under.
/// </summary>
public sealed class SessionResult
{
    private SessionResult(ReportPolicy policy, IReadOnlyList<FailureDetail> failures, bool isReportDelivery)
    {
        Policy = policy;
        Failures = failures;
        IsReportDelivery = isReportDelivery;
    }

    /// <summary>Gets the policy the session was made under.</summary>
    public ReportPolicy Policy { get; }

    /// <summary>
    /// Gets what went wrong; empty for a success. One session may fail in more than one way, and
    /// then counts once as a failed session and once under each detail (RFC 8460 §4.4).
    /// </summary>
    public IReadOnlyList<FailureDetail> Failures { get; }

    /// <summary>Gets a value indicating whether the session negotiated policy-compliant TLS.</summary>
    public bool IsSuccess => Failures.Count == 0;

    /// <summary>Gets <see cref="ResultTypes.Success"/>, or the result type of the first failure.</summary>
    public string ResultType => IsSuccess ? ResultTypes.Success : Failures[0].ResultType;

    /// <summary>
    /// Gets a value indicating whether the session delivered a TLS report. Such sessions are never
    /// counted (RFC 8460 §3, project decision 31): the recorder ignores them.
    /// </summary>
    public bool IsReportDelivery { get; }

    /// <summary>A session that negotiated TLS as the policy requires.</summary>
    /// <param name="policy">The policy the session was made under.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    public static SessionResult Success(ReportPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);

        return new SessionResult(policy, Array.Empty<FailureDetail>(), isReportDelivery: false);
    }

    /// <summary>A session that failed to establish policy-compliant TLS.</summary>
    /// <param name="policy">The policy the session was made under.</param>
    /// <param name="failures">What went wrong: at least one detail; repeats count once.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException">An argument or an element is null.</exception>
    /// <exception cref="ArgumentException">
    /// No failure is given, or an <c>sts-</c> result type is given for a policy that is not <c>sts</c>.
    /// </exception>
    public static SessionResult Failure(ReportPolicy policy, params FailureDetail[] failures)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(failures);

        FailureDetail[] distinct = failures.Distinct().ToArray();
        if (distinct.Length == 0)
        {
            throw new ArgumentException("A failed session needs at least one failure detail.", nameof(failures));
        }

        foreach (FailureDetail failure in distinct)
        {
            ArgumentNullException.ThrowIfNull(failure, nameof(failures));
            if (ResultTypes.IsStsPolicyFailure(failure.ResultType) && policy.PolicyType != PolicyTypes.Sts)
            {
                throw new ArgumentException(
                    $"'{failure.ResultType}' concerns an MTA-STS policy, but the policy is '{policy.PolicyType}'.",
                    nameof(failures));
            }
        }

        return new SessionResult(policy, distinct, isReportDelivery: false);
    }

    /// <summary>
    /// A session under the policy a resolution found, with what went wrong on the way: the
    /// resolution's failed fetch (RFC 8461 §6 asks for it to be reported while a valid TXT record
    /// or a cached policy exists) and the session's own failure, if any. A policy in mode
    /// <c>none</c> reports no MTA-STS failure (project decision 27).
    /// </summary>
    /// <param name="resolution">What the resolver said applies.</param>
    /// <param name="sessionFailure">What went wrong with the MX session itself, or <see langword="null"/>.</param>
    /// <param name="sendingMtaIp">The address the sending MTA delivers from, for the fetch failure.</param>
    /// <returns>The result: a success when nothing reportable went wrong.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="resolution"/> is null.</exception>
    public static SessionResult FromResolution(
        PolicyResolution resolution,
        FailureDetail? sessionFailure = null,
        IPAddress? sendingMtaIp = null)
    {
        ArgumentNullException.ThrowIfNull(resolution);

        ReportPolicy policy = ReportPolicy.FromResolution(resolution);
        var failures = new List<FailureDetail>(2);
        if (resolution.FetchFailure is { } fetch && policy.PolicyType == PolicyTypes.Sts)
        {
            failures.Add(FailureDetail.FromFetch(fetch, sendingMtaIp));
        }

        if (sessionFailure is not null
            && !(ResultTypes.IsStsPolicyFailure(sessionFailure.ResultType) && policy.PolicyType != PolicyTypes.Sts))
        {
            failures.Add(sessionFailure);
        }

        return failures.Count == 0 ? Success(policy) : Failure(policy, failures.ToArray());
    }

    /// <summary>
    /// A session with one MX host, as <see cref="MxChecker.CheckMx"/> decided it, under the policy the
    /// resolution found: its failure (result type and reason code) if the MX host failed the policy,
    /// and the resolution's failed fetch as <see cref="FromResolution"/> adds it. A report delivery
    /// is marked so that it is never counted; a policy in mode <c>none</c> reports no failure.
    /// </summary>
    /// <param name="resolution">What the resolver said applies.</param>
    /// <param name="decision">The decision for the MX host.</param>
    /// <param name="mxHost">The MX host name the sender tried.</param>
    /// <param name="sendingMtaIp">The address the sending MTA connected from.</param>
    /// <param name="receivingMxHelo">The name the MX host gave in its greeting or EHLO answer.</param>
    /// <param name="receivingIp">The address the sender connected to.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="resolution"/> or <paramref name="mxHost"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The decision is a DANE failure, which belongs under the MX host's <c>tlsa</c> policy (RFC 8460
    /// §4.5), not under the MTA-STS policy.
    /// </exception>
    public static SessionResult FromDecision(
        PolicyResolution resolution,
        MxDecision decision,
        string mxHost,
        IPAddress? sendingMtaIp = null,
        string? receivingMxHelo = null,
        IPAddress? receivingIp = null)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        ArgumentNullException.ThrowIfNull(mxHost);
        if (decision.ReasonCode == MxReasonCodes.DaneFailed)
        {
            throw new ArgumentException(
                "A DANE failure is reported under the MX host's tlsa policy; build it with ReportPolicy and Failure.",
                nameof(decision));
        }

        FailureDetail? failure = decision.IsFailure
            ? new FailureDetail(decision.ResultType, sendingMtaIp, mxHost.TrimEnd('.'), receivingMxHelo, receivingIp,
                decision.ReasonCode)
            : null;
        SessionResult result = FromResolution(resolution, failure, sendingMtaIp);
        return decision.IsReportDelivery ? result.AsReportDelivery() : result;
    }

    /// <summary>The same result marked as the delivery of a TLS report, so that it is never counted.</summary>
    /// <returns>A copy with <see cref="IsReportDelivery"/> set.</returns>
    public SessionResult AsReportDelivery() => new(Policy, Failures, isReportDelivery: true);

    /// <inheritdoc/>
    public override string ToString() => $"{Policy.PolicyDomain}: {ResultType}";
}
