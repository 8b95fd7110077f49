using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MtaSts.Client.Reporting;

/// <summary>
/// Where session counts wait until their day's report is sent: per Policy Domain per UTC day,
/// equal policies merged and equal failure details summed (RFC 8460 §4.1).
/// </summary>
/// <remarks>
/// <see cref="Add"/> is called for every session, so it must be fast, thread-safe and must not
/// block on I/O: a durable store counts in memory and writes out in <see cref="FlushAsync"/>.
/// </remarks>
public interface ITlsReportStore
{
    /// <summary>Counts one session under its day and Policy Domain.</summary>
    /// <param name="key">The day and the Policy Domain.</param>
    /// <param name="session">The session's result.</param>
    /// <returns>Whether it was counted in full, folded or dropped.</returns>
    SessionCountOutcome Add(TlsReportKey key, SessionResult session);

    /// <summary>Gets every day and Policy Domain that holds counts.</summary>
    /// <returns>A snapshot of the keys.</returns>
    IReadOnlyList<TlsReportKey> GetKeys();

    /// <summary>Gets the counts of one day and Policy Domain.</summary>
    /// <param name="key">The day and the Policy Domain.</param>
    /// <returns>A snapshot, one element per distinct policy, or <see langword="null"/> when there are none.</returns>
    IReadOnlyList<PolicyResults>? Find(TlsReportKey key);

    /// <summary>Forgets the counts of one day and Policy Domain, once its report is done with.</summary>
    /// <param name="key">The day and the Policy Domain.</param>
    /// <param name="cancellationToken">Cancels the removal.</param>
    /// <returns>A task that completes when the counts are gone, also from durable storage.</returns>
    Task RemoveAsync(TlsReportKey key, CancellationToken cancellationToken);

    /// <summary>Writes counts not yet written to durable storage; nothing for a store in memory.</summary>
    /// <param name="cancellationToken">Cancels the flush.</param>
    /// <returns>A task that completes when the counts are written.</returns>
    Task FlushAsync(CancellationToken cancellationToken);
}
