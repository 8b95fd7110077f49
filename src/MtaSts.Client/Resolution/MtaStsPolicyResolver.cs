using System;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Resolution;

/// <summary>
/// Answers "which MTA-STS policy applies to this domain now?" as RFC 8461 §5.1 requires: from the
/// cache while a policy is valid, re-checking the TXT id, fetching when the id changes or the policy
/// expires, and never letting a DNS or HTTPS failure remove a valid cached policy.
/// </summary>
/// <remarks>
/// Safe for concurrent use; create one per process and share it. Concurrent resolutions of one
/// domain share one discovery. A domain whose answer is current costs one dictionary lookup and no
/// allocation.
/// </remarks>
public sealed partial class MtaStsPolicyResolver
{
    // How many discoveries pass between two sweeps of the per-domain state.
    private const int SweepInterval = 1024;

    private readonly MtaStsDnsClient _dns;
    private readonly PolicyFetcher _fetcher;
    private readonly IPolicyStore _store;
    private readonly TimeProvider _time;
    private readonly PolicyResolverOptions _options;
    private readonly ILogger _logger;
    private readonly ResolverMetrics _metrics;
    private readonly ConcurrentDictionary<PolicyDomain, DomainState> _states = new();
    private readonly ConcurrentDictionary<PolicyDomain, Task<PolicyResolution>> _inFlight = new();
    private int _discoveries;

    /// <summary>Gets how many domains the resolver holds state for, besides the store.</summary>
    internal int RememberedDomains => _states.Count;

    /// <summary>Initializes a new instance of the <see cref="MtaStsPolicyResolver"/> class.</summary>
    /// <param name="dns">Looks up the <c>_mta-sts</c> records.</param>
    /// <param name="fetcher">Fetches policies from Policy Hosts.</param>
    /// <param name="store">Keeps policies; <see langword="null"/> for a <see cref="MemoryPolicyStore"/>.</param>
    /// <param name="options">Cache and re-check settings; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock of every expiry and delay; <see langword="null"/> for the system clock.</param>
    /// <param name="logger">Where alerts and steps are logged; <see langword="null"/> for none.</param>
    /// <param name="meterFactory">Creates the <c>MtaSts.Client</c> meter; <see langword="null"/> for a meter of its own.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dns"/> or <paramref name="fetcher"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid.</exception>
    public MtaStsPolicyResolver(
        MtaStsDnsClient dns,
        PolicyFetcher fetcher,
        IPolicyStore? store = null,
        PolicyResolverOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<MtaStsPolicyResolver>? logger = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(dns);
        ArgumentNullException.ThrowIfNull(fetcher);
        options ??= new PolicyResolverOptions();
        options.Validate();

        _dns = dns;
        _fetcher = fetcher;
        _store = store ?? new MemoryPolicyStore();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _metrics = new ResolverMetrics(meterFactory);
    }

    /// <summary>Resolves the policy that applies to a Policy Domain now.</summary>
    /// <param name="domain">The Policy Domain: the recipient domain, or the smart host's.</param>
    /// <param name="cancellationToken">Stops waiting; a discovery other callers share goes on.</param>
    /// <returns>The policy that applies, if any, and why.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="domain"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public ValueTask<PolicyResolution> ResolveAsync(PolicyDomain domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);

        if (_states.TryGetValue(domain, out DomainState? state)
            && state.TryGetCurrent(_time.GetUtcNow(), out PolicyResolution? current))
        {
            _metrics.Resolved(current!);
            return new ValueTask<PolicyResolution>(current!);
        }

        return new ValueTask<PolicyResolution>(ResolveSharedAsync(domain, cancellationToken));
    }

    /// <summary>
    /// Looks at the <c>_mta-sts</c> record again now, whatever its TTL, as RFC 8461 §5.1 requires
    /// before a message refused under <c>enforce</c> is failed permanently; a new id is fetched.
    /// </summary>
    /// <param name="previous">The resolution the deliveries were refused under.</param>
    /// <param name="cancellationToken">Stops waiting; a discovery other callers share goes on.</param>
    /// <returns>Whether another policy applies now, and the resolution that applies.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="previous"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public async Task<PolicyRecheck> RecheckAsync(PolicyResolution previous, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(previous);

        PolicyResolution current = await ResolveSharedAsync(previous.Domain, cancellationToken).ConfigureAwait(false);
        return new PolicyRecheck(previous, current);
    }

    private Task<PolicyResolution> ResolveSharedAsync(PolicyDomain domain, CancellationToken cancellationToken)
    {
        // A caller that finds a discovery running joins it; only one that may start one makes a completion.
        if (!_inFlight.TryGetValue(domain, out Task<PolicyResolution>? shared))
        {
            var mine = new TaskCompletionSource<PolicyResolution>(TaskCreationOptions.RunContinuationsAsynchronously);
            shared = _inFlight.GetOrAdd(domain, mine.Task);
            if (shared == mine.Task)
            {
                _ = RunDiscoveryAsync(domain, mine);
            }
        }

        return shared.WaitAsync(cancellationToken);
    }

    private async Task RunDiscoveryAsync(PolicyDomain domain, TaskCompletionSource<PolicyResolution> completion)
    {
        try
        {
            DomainState state = _states.GetOrAdd(domain, static _ => new DomainState());
            PolicyResolution resolution = await DiscoverAsync(domain, state).ConfigureAwait(false);
            Report(resolution);
            _metrics.Resolved(resolution);
            completion.SetResult(resolution);
            if (Interlocked.Increment(ref _discoveries) % SweepInterval == 0)
            {
                ForgetStaleDomains();
            }
        }
        catch (Exception exception)
        {
            completion.SetException(exception);
        }
        finally
        {
            _inFlight.TryRemove(new(domain, completion.Task));
        }
    }

    /// <summary>
    /// Drops what is remembered about domains whose answer is due again anyway, so that a sender
    /// reaching millions of domains keeps memory only for the recent ones; the store keeps policies.
    /// </summary>
    private void ForgetStaleDomains()
    {
        DateTimeOffset now = _time.GetUtcNow();
        foreach (var (domain, state) in _states)
        {
            if (state.IsStale(now, _options.FetchRetryDelay))
            {
                _states.TryRemove(new(domain, state));
            }
        }
    }

    private async Task<PolicyResolution> DiscoverAsync(PolicyDomain domain, DomainState state)
    {
        using var deadline = new CancellationTokenSource(_options.DiscoveryTimeout, _time);
        DateTimeOffset now = _time.GetUtcNow();
        CachedPolicy? cached = _store.Find(domain);
        CachedPolicy? valid = cached is not null && cached.IsValidAt(now) ? cached : null;

        RecordDiscoveryResult record = await DiscoverRecordAsync(domain, deadline.Token).ConfigureAwait(false);
        if (!record.IsFound)
        {
            // RFC 8461 §3.1, §5.1: losing the record never removes a valid policy.
            return valid is not null
                ? Remember(state, FromCache(valid, ResolutionReason.RecordUnusableCachedPolicyKept, record, null), record)
                : Remember(state, NoPolicy(domain, ResolutionReason.NoRecord, record, null), record);
        }

        // Seeing the same id again does not renew an expired policy: only a fetch does.
        if (valid is not null && string.Equals(valid.PolicyId, record.PolicyId, StringComparison.Ordinal))
        {
            return Remember(state, FromCache(valid, ResolutionReason.SameId, record, null), record);
        }

        if (state.IsBackingOff(record.PolicyId, now, _options.FetchRetryDelay, out PolicyFetchResult? recentFailure))
        {
            return Remember(state, KeepOrNone(domain, valid, ResolutionReason.FetchBackingOff, record, recentFailure), record);
        }

        PolicyFetchResult fetch = await FetchAsync(domain, deadline.Token).ConfigureAwait(false);
        DateTimeOffset fetchedAt = _time.GetUtcNow();
        if (fetch.IsFetched)
        {
            var entry = new CachedPolicy(domain, record.PolicyId, fetch.Policy, fetchedAt);
            _store.Save(entry);
            state.FetchSucceeded(record.PolicyId);
            return Remember(state, new PolicyResolution(
                domain, entry, PolicySource.Fetched, ResolutionReason.Fetched, record, null), record);
        }

        state.FetchFailed(record.PolicyId, fetchedAt, _options.FetchRetryDelay, fetch);
        ResolutionReason reason = valid is not null ? ResolutionReason.FetchFailedCachedPolicyKept : ResolutionReason.FetchFailed;
        return Remember(state, KeepOrNone(domain, valid, reason, record, fetch), record);
    }

    private async Task<RecordDiscoveryResult> DiscoverRecordAsync(PolicyDomain domain, CancellationToken deadline)
    {
        try
        {
            return await _dns.DiscoverRecordAsync(domain, deadline).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return RecordDiscoveryResult.NotUsable(domain, RecordDiscoveryOutcome.DnsFailure,
                $"No answer for {domain.RecordName} within the discovery deadline of {_options.DiscoveryTimeout}.",
                noServerAnswered: true);
        }
    }

    private async Task<PolicyFetchResult> FetchAsync(PolicyDomain domain, CancellationToken deadline)
    {
        long started = _time.GetTimestamp();
        try
        {
            PolicyFetchResult fetch = await _fetcher.FetchAsync(domain, deadline).ConfigureAwait(false);
            _metrics.Fetched(fetch, _time.GetElapsedTime(started));
            return fetch;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return PolicyFetchResult.FetchError(domain, PolicyFetchFailureReason.Timeout,
                $"No policy from {domain.PolicyUri} within the discovery deadline of {_options.DiscoveryTimeout}.");
        }
    }

    private PolicyResolution KeepOrNone(
        PolicyDomain domain,
        CachedPolicy? valid,
        ResolutionReason reason,
        RecordDiscoveryResult record,
        PolicyFetchResult? failure) =>
        valid is not null ? FromCache(valid, reason, record, failure) : NoPolicy(domain, reason, record, failure);

    private static PolicyResolution FromCache(
        CachedPolicy entry,
        ResolutionReason reason,
        RecordDiscoveryResult? record,
        PolicyFetchResult? failure) =>
        new(entry.Domain, entry, PolicySource.Cache, reason, record, failure);

    private PolicyResolution NoPolicy(
        PolicyDomain domain,
        ResolutionReason reason,
        RecordDiscoveryResult record,
        PolicyFetchResult? failure) =>
        new(domain, null, PolicySource.None, reason, record, failure,
            shouldDefer: _options.DeferWhenDnsFails && record.Outcome == RecordDiscoveryOutcome.DnsFailure);

    /// <summary>
    /// Keeps the answer for deliveries until the TXT record is due again: its TTL, within the
    /// configured bounds. Deliveries in between get it without asking DNS.
    /// </summary>
    private PolicyResolution Remember(DomainState state, PolicyResolution resolution, RecordDiscoveryResult record)
    {
        TimeSpan interval = record.IsFound ? record.TimeToLive : TimeSpan.Zero;
        interval = TimeSpan.FromTicks(Math.Clamp(
            interval.Ticks,
            _options.MinimumRecordCheckInterval.Ticks,
            _options.MaximumRecordCheckInterval.Ticks));

        // A later delivery is told the policy is current; "no policy" is told again with its cause.
        PolicyResolution reuse = resolution.Applied is { } applied
            ? FromCache(applied, ResolutionReason.CachedPolicyCurrent, null, null)
            : resolution;
        state.Remember(reuse, _time.GetUtcNow() + interval);
        return resolution;
    }
}
