using System.Collections.Generic;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Resolution;

/// <summary>
/// Where the resolver keeps policies between deliveries. The default keeps them in memory; a store
/// that survives a restart keeps a sender protected across it (RFC 8461 §10).
/// </summary>
/// <remarks>
/// The resolver reads the store on every delivery, so reads must be fast and must not block on I/O:
/// a durable store keeps its entries in memory and writes through.
/// </remarks>
public interface IPolicyStore
{
    /// <summary>Gets the entry for a Policy Domain, valid or expired.</summary>
    /// <param name="domain">The Policy Domain.</param>
    /// <returns>The entry, or <see langword="null"/> when there is none.</returns>
    CachedPolicy? Find(PolicyDomain domain);

    /// <summary>Adds or replaces the entry for its Policy Domain.</summary>
    /// <param name="entry">The entry.</param>
    void Save(CachedPolicy entry);

    /// <summary>Removes the entry for a Policy Domain.</summary>
    /// <param name="domain">The Policy Domain.</param>
    /// <returns><see langword="true"/> when there was an entry.</returns>
    bool Remove(PolicyDomain domain);

    /// <summary>Gets every entry, for refreshing and inspection.</summary>
    /// <returns>A snapshot of the entries.</returns>
    IReadOnlyCollection<CachedPolicy> GetAll();
}
