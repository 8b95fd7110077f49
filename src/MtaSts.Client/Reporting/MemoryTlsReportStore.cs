using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MtaSts.Client.Reporting;

/// <summary>A report store in memory: fast, bounded per day and Policy Domain, and lost on restart.</summary>
/// <remarks>Safe for concurrent use.</remarks>
public sealed class MemoryTlsReportStore : ITlsReportStore
{
    private readonly ReportCounts _counts;

    /// <summary>Initializes a new instance of the <see cref="MemoryTlsReportStore"/> class.</summary>
    /// <param name="limits">How much one day of one domain may hold; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException"><paramref name="limits"/> is invalid.</exception>
    public MemoryTlsReportStore(ReportLimits? limits = null)
    {
        ReportLimits copy = limits?.Copy() ?? new ReportLimits();
        copy.Validate();

        _counts = new ReportCounts(copy);
    }

    /// <inheritdoc/>
    public SessionCountOutcome Add(TlsReportKey key, SessionResult session)
    {
        ArgumentNullException.ThrowIfNull(key.PolicyDomain, nameof(key));
        ArgumentNullException.ThrowIfNull(session);

        return _counts.Add(key, session);
    }

    /// <inheritdoc/>
    public IReadOnlyList<TlsReportKey> GetKeys() => _counts.GetKeys();

    /// <inheritdoc/>
    public IReadOnlyList<PolicyResults>? Find(TlsReportKey key) => _counts.Get(key);

    /// <inheritdoc/>
    public Task RemoveAsync(TlsReportKey key, CancellationToken cancellationToken)
    {
        _counts.Remove(key);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
