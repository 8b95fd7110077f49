using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Resolution;

/// <summary>What operators and an MTA's scheduler do with the cache: look, purge, refresh.</summary>
public sealed partial class MtaStsPolicyResolver
{
    /// <summary>Gets the cached entry for a domain, valid or expired, without asking DNS.</summary>
    /// <param name="domain">The Policy Domain.</param>
    /// <returns>The entry, or <see langword="null"/> when nothing is cached.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="domain"/> is null.</exception>
    public CachedPolicy? GetCachedPolicy(PolicyDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);

        return _store.Find(domain);
    }

    /// <summary>Gets every cached entry.</summary>
    /// <returns>A snapshot of the cache.</returns>
    public IReadOnlyCollection<CachedPolicy> GetCachedPolicies() => _store.GetAll();

    /// <summary>
    /// Forgets everything known about a domain: its cached policy, its last TXT answer and its
    /// fetch back-off. The next delivery discovers the domain afresh.
    /// </summary>
    /// <param name="domain">The Policy Domain.</param>
    /// <returns><see langword="true"/> when a policy was cached.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="domain"/> is null.</exception>
    public bool Purge(PolicyDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);

        _states.TryRemove(domain, out _);
        return _store.Remove(domain);
    }

    /// <summary>
    /// Re-fetches every cached policy that is still valid and was fetched at least
    /// <paramref name="olderThan"/> ago, so that a policy is renewed long before it expires
    /// (RFC 8461 §3.3, §10.2). Meant for the MTA's scheduler, for example once a day.
    /// </summary>
    /// <remarks>
    /// A changed TXT id leads to the new policy. Otherwise the policy is fetched again even when the
    /// TXT lookup fails, keeping its id; a failed fetch leaves the entry as it was. An id whose fetch
    /// failed less than <see cref="PolicyResolverOptions.FetchRetryDelay"/> ago, here or for a
    /// delivery, is not fetched again yet. No entry is ever created here.
    /// </remarks>
    /// <param name="olderThan">How old a fetch must be to be renewed.</param>
    /// <param name="cancellationToken">Stops the refresh between domains.</param>
    /// <returns>What happened to each entry looked at.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public async Task<IReadOnlyList<PolicyRefresh>> RefreshAsync(
        TimeSpan olderThan,
        CancellationToken cancellationToken = default)
    {
        var refreshed = new List<PolicyRefresh>();
        foreach (CachedPolicy entry in _store.GetAll())
        {
            cancellationToken.ThrowIfCancellationRequested();
            DateTimeOffset now = _time.GetUtcNow();
            if (!entry.IsValidAt(now) || now - entry.FetchedAt < olderThan)
            {
                continue;
            }

            refreshed.Add(await RefreshAsync(entry).ConfigureAwait(false));
        }

        return refreshed;
    }

    private async Task<PolicyRefresh> RefreshAsync(CachedPolicy entry)
    {
        using var deadline = new CancellationTokenSource(_options.DiscoveryTimeout, _time);
        RecordDiscoveryResult record = await DiscoverRecordAsync(entry.Domain, deadline.Token).ConfigureAwait(false);
        string policyId = record.IsFound ? record.PolicyId : entry.PolicyId;

        // RFC 8461 §3.3: a refresh is a fetch like a delivery's, under the same back-off per id.
        DomainState state = _states.GetOrAdd(entry.Domain, static _ => new DomainState());
        DateTimeOffset now = _time.GetUtcNow();
        if (state.IsBackingOff(policyId, now, _options.FetchRetryDelay, out PolicyFetchResult? recentFailure))
        {
            return new PolicyRefresh(entry, entry, record, recentFailure);
        }

        PolicyFetchResult fetch = await FetchAsync(entry.Domain, deadline.Token).ConfigureAwait(false);
        if (!fetch.IsFetched)
        {
            state.FetchFailed(policyId, _time.GetUtcNow(), _options.FetchRetryDelay, fetch);
            if (entry.Policy.Mode != PolicyMode.None)
            {
                Log.RefreshFailed(_logger, entry.Domain, entry.PolicyId, fetch.ResultType, fetch.FailureReasonCode,
                    fetch.Message, entry.ExpiresAt);
            }

            return new PolicyRefresh(entry, entry, record, fetch);
        }

        var renewed = new CachedPolicy(entry.Domain, policyId, fetch.Policy, _time.GetUtcNow());
        _store.Save(renewed);
        state.Forget();
        state.FetchSucceeded(policyId);
        Log.Refreshed(_logger, entry.Domain, policyId);
        return new PolicyRefresh(entry, renewed, record, null);
    }
}
