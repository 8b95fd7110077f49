using System;
using System.Collections.Generic;
using MtaSts.Client.Discovery;

namespace MtaSts.Client.Resolution;

/// <summary>
/// What the resolver remembers about one Policy Domain between deliveries, beside the policy store:
/// the answer to reuse until the TXT record is due to be checked again, and the recent failed fetches.
/// </summary>
internal sealed class DomainState
{
    // Enough for every id an unsettled record can show within one back-off; the oldest goes first.
    private const int MaxFailedFetches = 16;

    private readonly object _gate = new();
    private volatile Snapshot? _current;
    private volatile FailedFetch[] _failedFetches = [];

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
        foreach (FailedFetch failed in _failedFetches)
        {
            if (string.Equals(failed.PolicyId, policyId, StringComparison.Ordinal) && now < failed.At + delay)
            {
                failure = failed.Result;
                return true;
            }
        }

        failure = null;
        return false;
    }

    /// <summary>Whether nothing here would change the next resolution: the answer is due again and no back-off runs.</summary>
    public bool IsStale(DateTimeOffset now, TimeSpan fetchRetryDelay)
    {
        Snapshot? current = _current;
        if (current is not null && now < current.RecheckAt)
        {
            return false;
        }

        foreach (FailedFetch failed in _failedFetches)
        {
            if (now < failed.At + fetchRetryDelay)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Remembers a failed fetch of <paramref name="policyId"/>. The back-off is per id (RFC 8461
    /// §3.3), so the failures of other ids are kept until their own <paramref name="delay"/> ends:
    /// a record that alternates between two ids must not make each fetch forget the other's failure.
    /// </summary>
    public void FetchFailed(string policyId, DateTimeOffset at, TimeSpan delay, PolicyFetchResult result)
    {
        lock (_gate)
        {
            var kept = new List<FailedFetch>(MaxFailedFetches) { new(policyId, at, result) };
            foreach (FailedFetch failed in _failedFetches)
            {
                if (kept.Count < MaxFailedFetches
                    && !string.Equals(failed.PolicyId, policyId, StringComparison.Ordinal)
                    && at < failed.At + delay)
                {
                    kept.Add(failed);
                }
            }

            _failedFetches = kept.ToArray();
        }
    }

    /// <summary>Forgets the failures of <paramref name="policyId"/>, which has just been fetched.</summary>
    public void FetchSucceeded(string policyId)
    {
        lock (_gate)
        {
            _failedFetches = Array.FindAll(
                _failedFetches, failed => !string.Equals(failed.PolicyId, policyId, StringComparison.Ordinal));
        }
    }

    private sealed record Snapshot(PolicyResolution Resolution, DateTimeOffset RecheckAt);

    private sealed record FailedFetch(string PolicyId, DateTimeOffset At, PolicyFetchResult Result);
}
