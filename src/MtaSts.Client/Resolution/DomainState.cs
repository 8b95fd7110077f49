using System;
using MtaSts.Client.Discovery;

namespace MtaSts.Client.Resolution;

/// <summary>
/// What the resolver remembers about one Policy Domain between deliveries, beside the policy store:
/// the answer to reuse until the TXT record is due to be checked again, and the last failed fetch.
/// </summary>
internal sealed class DomainState
{
    private volatile Snapshot? _current;
    private volatile FailedFetch? _failedFetch;

    /// <summary>The answer to reuse now: the TXT record is not due yet and the policy has not expired.</summary>
    public bool TryGetCurrent(DateTimeOffset now, out PolicyResolution? resolution)
    {
        Snapshot? current = _current;
        if (current is not null
            && now < current.RecheckAt
            && (current.Resolution.Applied is null || current.Resolution.Applied.IsValidAt(now)))
        {
            resolution = current.Resolution;
            return true;
        }

        resolution = null;
        return false;
    }

    public void Remember(PolicyResolution reuse, DateTimeOffset recheckAt) => _current = new Snapshot(reuse, recheckAt);

    public void Forget() => _current = null;

    /// <summary>Whether a fetch of <paramref name="policyId"/> failed less than <paramref name="delay"/> ago.</summary>
    public bool IsBackingOff(string policyId, DateTimeOffset now, TimeSpan delay, out PolicyFetchResult? failure)
    {
        FailedFetch? failed = _failedFetch;
        if (failed is not null && string.Equals(failed.PolicyId, policyId, StringComparison.Ordinal) && now < failed.At + delay)
        {
            failure = failed.Result;
            return true;
        }

        failure = null;
        return false;
    }

    /// <summary>Whether nothing here would change the next resolution: the answer is due again and no back-off runs.</summary>
    public bool IsStale(DateTimeOffset now, TimeSpan fetchRetryDelay)
    {
        Snapshot? current = _current;
        FailedFetch? failed = _failedFetch;
        return (current is null || now >= current.RecheckAt) && (failed is null || now >= failed.At + fetchRetryDelay);
    }

    public void FetchFailed(string policyId, DateTimeOffset at, PolicyFetchResult result) =>
        _failedFetch = new FailedFetch(policyId, at, result);

    public void FetchSucceeded() => _failedFetch = null;

    private sealed record Snapshot(PolicyResolution Resolution, DateTimeOffset RecheckAt);

    private sealed record FailedFetch(string PolicyId, DateTimeOffset At, PolicyFetchResult Result);
}
