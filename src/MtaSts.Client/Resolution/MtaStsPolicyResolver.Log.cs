using System;
using Microsoft.Extensions.Logging;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Resolution;

/// <summary>What the resolver tells the operator.</summary>
public sealed partial class MtaStsPolicyResolver
{
    /// <summary>
    /// Logs what an administrator should know about a resolution. RFC 8461 §3.3 and §10.2 ask for
    /// an alert when a policy cannot be renewed, except for a policy in mode <c>none</c>.
    /// </summary>
    private void Report(PolicyResolution resolution)
    {
        bool quiet = resolution.Policy?.Mode == PolicyMode.None;
        switch (resolution.Reason)
        {
            case ResolutionReason.Fetched:
                Log.PolicyFetched(_logger, resolution.Domain, resolution.Applied!.PolicyId,
                    resolution.Policy!.Mode.ToPolicyValue(), resolution.Policy.MaxAgeSeconds);
                break;
            case ResolutionReason.FetchFailedCachedPolicyKept when !quiet:
                PolicyFetchResult failure = resolution.FetchFailure!;
                Log.FetchFailedCachedPolicyKept(_logger, resolution.Domain, resolution.Record?.PolicyId,
                    failure.ResultType, failure.FailureReasonCode, failure.Message, resolution.Applied!.PolicyId);
                break;
            case ResolutionReason.FetchFailed:
                Log.FetchFailedNoPolicy(_logger, resolution.Domain, resolution.Record?.PolicyId,
                    resolution.FetchFailure!.ResultType, resolution.FetchFailure.FailureReasonCode,
                    resolution.FetchFailure.Message);
                break;
            case ResolutionReason.RecordUnusableCachedPolicyKept when !quiet:
                Log.RecordUnusableCachedPolicyKept(_logger, resolution.Domain, resolution.Record!.Outcome,
                    resolution.Record.Reason, resolution.Applied!.PolicyId);
                break;
            case ResolutionReason.NoRecord:
                Log.NoRecord(_logger, resolution.Domain, resolution.Record!.Outcome, resolution.Record.Reason);
                break;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug,
            "Fetched the MTA-STS policy of {PolicyDomain}: id {PolicyId}, mode {Mode}, max_age {MaxAge}.")]
        public static partial void PolicyFetched(
            ILogger logger, PolicyDomain policyDomain, string policyId, string mode, int maxAge);

        [LoggerMessage(2, LogLevel.Warning,
            "Could not fetch the MTA-STS policy {PolicyId} of {PolicyDomain} ({ResultType}, {Reason}): {Message} "
            + "The cached policy {CachedPolicyId} still applies.")]
        public static partial void FetchFailedCachedPolicyKept(
            ILogger logger,
            PolicyDomain policyDomain,
            string? policyId,
            string? resultType,
            string? reason,
            string message,
            string cachedPolicyId);

        [LoggerMessage(3, LogLevel.Warning,
            "Could not fetch the MTA-STS policy {PolicyId} of {PolicyDomain} ({ResultType}, {Reason}): {Message} "
            + "Delivering as if the domain had no policy.")]
        public static partial void FetchFailedNoPolicy(
            ILogger logger, PolicyDomain policyDomain, string? policyId, string? resultType, string? reason, string message);

        [LoggerMessage(4, LogLevel.Warning,
            "The _mta-sts record of {PolicyDomain} is unusable ({Outcome}): {Reason} "
            + "The cached policy {PolicyId} still applies.")]
        public static partial void RecordUnusableCachedPolicyKept(
            ILogger logger, PolicyDomain policyDomain, RecordDiscoveryOutcome outcome, string reason, string policyId);

        [LoggerMessage(5, LogLevel.Debug, "{PolicyDomain} has no usable MTA-STS record ({Outcome}): {Reason}")]
        public static partial void NoRecord(
            ILogger logger, PolicyDomain policyDomain, RecordDiscoveryOutcome outcome, string reason);

        [LoggerMessage(6, LogLevel.Warning,
            "Refreshing the MTA-STS policy {PolicyId} of {PolicyDomain} failed ({ResultType}, {Reason}): {Message} "
            + "It stays cached until {ExpiresAt}.")]
        public static partial void RefreshFailed(
            ILogger logger,
            PolicyDomain policyDomain,
            string policyId,
            string? resultType,
            string? reason,
            string message,
            DateTimeOffset expiresAt);

        [LoggerMessage(7, LogLevel.Debug, "Refreshed the MTA-STS policy of {PolicyDomain}: id {PolicyId}.")]
        public static partial void Refreshed(ILogger logger, PolicyDomain policyDomain, string policyId);
    }
}
