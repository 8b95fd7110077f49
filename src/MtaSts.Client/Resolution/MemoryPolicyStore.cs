using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.Extensions.Caching.Memory;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Resolution;

/// <summary>The default <see cref="IPolicyStore"/>: policies held in an <see cref="IMemoryCache"/>.</summary>
/// <remarks>
/// Entries are stored with <see cref="CacheItemPriority.NeverRemove"/> and no expiration: a cache
/// that dropped a valid <c>enforce</c> policy under memory pressure would hand the next delivery to
/// whoever controls DNS at that moment. The resolver decides validity by <c>max_age</c> itself.
/// Entries live until they are replaced or removed, and do not survive a restart.
/// </remarks>
public sealed class MemoryPolicyStore : IPolicyStore, IDisposable
{
    private static readonly MemoryCacheEntryOptions s_entryOptions = new() { Priority = CacheItemPriority.NeverRemove };

    private readonly IMemoryCache _cache;
    private readonly bool _ownsCache;
    private readonly ConcurrentDictionary<PolicyDomain, CachedPolicy> _index = new();

    /// <summary>Initializes a new instance of the <see cref="MemoryPolicyStore"/> class with a cache of its own.</summary>
    public MemoryPolicyStore()
        : this(new MemoryCache(new MemoryCacheOptions()), ownsCache: true)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MemoryPolicyStore"/> class over a shared cache.</summary>
    /// <param name="cache">The cache; its entries are keyed by <see cref="PolicyDomain"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="cache"/> is null.</exception>
    public MemoryPolicyStore(IMemoryCache cache)
        : this(cache ?? throw new ArgumentNullException(nameof(cache)), ownsCache: false)
    {
    }

    private MemoryPolicyStore(IMemoryCache cache, bool ownsCache)
    {
        _cache = cache;
        _ownsCache = ownsCache;
    }

    /// <inheritdoc/>
    public CachedPolicy? Find(PolicyDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);

        return _cache.TryGetValue(domain, out object? value) ? value as CachedPolicy : null;
    }

    /// <inheritdoc/>
    public void Save(CachedPolicy entry)
    {
        ArgumentNullException.ThrowIfNull(entry);

        _cache.Set(entry.Domain, entry, s_entryOptions);
        _index[entry.Domain] = entry;
    }

    /// <inheritdoc/>
    public bool Remove(PolicyDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);

        _cache.Remove(domain);
        return _index.TryRemove(domain, out _);
    }

    /// <inheritdoc/>
    public IReadOnlyCollection<CachedPolicy> GetAll()
    {
        // The index is kept beside the cache because IMemoryCache cannot list its keys; an entry
        // the cache no longer has (a shared cache was cleared) is not reported.
        var entries = new List<CachedPolicy>(_index.Count);
        foreach (PolicyDomain domain in _index.Keys)
        {
            if (Find(domain) is CachedPolicy entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>Disposes the cache when this store created it.</summary>
    public void Dispose()
    {
        if (_ownsCache)
        {
            _cache.Dispose();
        }
    }
}
