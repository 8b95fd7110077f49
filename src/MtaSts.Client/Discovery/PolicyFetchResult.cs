using System;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Discovery;

/// <summary>
/// What fetching a domain's policy from its Policy Host came to: the policy, or why there is none,
/// with what a TLS report (RFC 8460) needs to describe the failure.
/// </summary>
public sealed class PolicyFetchResult
{
    private PolicyFetchResult(
        PolicyDomain policyDomain,
        PolicyFetchOutcome outcome,
        PolicyFetchFailureReason failureReason,
        string message,
        HttpStatusCode? statusCode,
        PolicyParseResult? parseResult)
    {
        PolicyDomain = policyDomain;
        Outcome = outcome;
        FailureReason = failureReason;
        Message = message;
        StatusCode = statusCode;
        ParseResult = parseResult;
    }

    /// <summary>Gets the domain whose policy was fetched.</summary>
    public PolicyDomain PolicyDomain { get; }

    /// <summary>Gets what the fetch came to.</summary>
    public PolicyFetchOutcome Outcome { get; }

    /// <summary>Gets a value indicating whether a valid policy was fetched.</summary>
    [MemberNotNullWhen(true, nameof(Policy), nameof(ParseResult))]
    public bool IsFetched => Outcome == PolicyFetchOutcome.Fetched;

    /// <summary>Gets why the fetch failed, or <see cref="PolicyFetchFailureReason.None"/> when it did not.</summary>
    public PolicyFetchFailureReason FailureReason { get; }

    /// <summary>
    /// Gets the RFC 8460 result type of a failure: <c>sts-policy-fetch-error</c>,
    /// <c>sts-webpki-invalid</c> or <c>sts-policy-invalid</c>; <see langword="null"/> when the policy
    /// was fetched.
    /// </summary>
    public string? ResultType => Outcome switch
    {
        PolicyFetchOutcome.FetchError => ResultTypes.StsPolicyFetchError,
        PolicyFetchOutcome.WebPkiInvalid => ResultTypes.StsWebPkiInvalid,
        PolicyFetchOutcome.PolicyInvalid => ResultTypes.StsPolicyInvalid,
        _ => null,
    };

    /// <summary>
    /// Gets <see cref="FailureReason"/> as a lower-case code for a report's <c>failure-reason-code</c>,
    /// such as <c>too-large</c> or <c>name-mismatch</c>; <see langword="null"/> when the policy was fetched.
    /// </summary>
    public string? FailureReasonCode => FailureReason switch
    {
        PolicyFetchFailureReason.None => null,
        PolicyFetchFailureReason.Status => "status",
        PolicyFetchFailureReason.Redirect => "redirect",
        PolicyFetchFailureReason.Timeout => "timeout",
        PolicyFetchFailureReason.TooLarge => "too-large",
        PolicyFetchFailureReason.Dns => "dns",
        PolicyFetchFailureReason.AddressNotAllowed => "address-not-allowed",
        PolicyFetchFailureReason.Connect => "connect",
        PolicyFetchFailureReason.Tls => "tls",
        PolicyFetchFailureReason.Protocol => "protocol",
        PolicyFetchFailureReason.NameMismatch => "name-mismatch",
        PolicyFetchFailureReason.Expired => "expired",
        PolicyFetchFailureReason.NotYetValid => "not-yet-valid",
        PolicyFetchFailureReason.Untrusted => "untrusted",
        PolicyFetchFailureReason.ContentType => "content-type",
        PolicyFetchFailureReason.Parse => "parse",
        _ => FailureReason.ToString(),
    };

    /// <summary>
    /// Gets the HTTP status the Policy Host answered with, or <see langword="null"/> when there was no answer.
    /// </summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Gets a sentence saying what happened, for logs and reports; never the body itself.</summary>
    public string Message { get; }

    /// <summary>Gets what the parser made of the body, or <see langword="null"/> when no body was parsed.</summary>
    public PolicyParseResult? ParseResult { get; }

    /// <summary>Gets the policy, or <see langword="null"/> when none was fetched.</summary>
    public MtaStsPolicy? Policy => IsFetched ? ParseResult!.Policy : null;

    /// <inheritdoc/>
    public override string ToString() =>
        IsFetched ? $"{PolicyDomain}: fetched" : $"{PolicyDomain}: {ResultType} ({FailureReasonCode}): {Message}";

    internal static PolicyFetchResult Fetched(PolicyDomain policyDomain, PolicyParseResult parseResult) =>
        new(policyDomain, PolicyFetchOutcome.Fetched, PolicyFetchFailureReason.None,
            $"Fetched a valid policy from {policyDomain.PolicyUri}.", HttpStatusCode.OK, parseResult);

    internal static PolicyFetchResult FetchError(
        PolicyDomain policyDomain,
        PolicyFetchFailureReason reason,
        string message,
        HttpStatusCode? statusCode = null) =>
        new(policyDomain, PolicyFetchOutcome.FetchError, reason, message, statusCode, parseResult: null);

    internal static PolicyFetchResult WebPkiInvalid(
        PolicyDomain policyDomain,
        PolicyFetchFailureReason reason,
        string message) =>
        new(policyDomain, PolicyFetchOutcome.WebPkiInvalid, reason, message, statusCode: null, parseResult: null);

    internal static PolicyFetchResult PolicyInvalid(
        PolicyDomain policyDomain,
        PolicyFetchFailureReason reason,
        string message,
        PolicyParseResult? parseResult) =>
        new(policyDomain, PolicyFetchOutcome.PolicyInvalid, reason, message, HttpStatusCode.OK, parseResult);

    internal static PolicyFetchOutcome OutcomeOf(PolicyFetchFailureReason reason) => reason switch
    {
        PolicyFetchFailureReason.None => PolicyFetchOutcome.Fetched,
        PolicyFetchFailureReason.NameMismatch
            or PolicyFetchFailureReason.Expired
            or PolicyFetchFailureReason.NotYetValid
            or PolicyFetchFailureReason.Untrusted => PolicyFetchOutcome.WebPkiInvalid,
        PolicyFetchFailureReason.ContentType or PolicyFetchFailureReason.Parse => PolicyFetchOutcome.PolicyInvalid,
        _ => PolicyFetchOutcome.FetchError,
    };

    internal static PolicyFetchResult Failed(PolicyDomain policyDomain, PolicyFetchFailureReason reason, string message) =>
        OutcomeOf(reason) switch
        {
            PolicyFetchOutcome.WebPkiInvalid => WebPkiInvalid(policyDomain, reason, message),
            PolicyFetchOutcome.FetchError => FetchError(policyDomain, reason, message),
            _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a failure before the response."),
        };
}
