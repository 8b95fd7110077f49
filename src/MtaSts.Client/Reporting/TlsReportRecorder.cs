using System;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MtaSts.Client.Reporting;

/// <summary>
/// Counts session results for TLS reports: each under its Policy Domain and the UTC day it is
/// recorded on (RFC 8460 §4.1, project decision 29), in an <see cref="ITlsReportStore"/>.
/// </summary>
/// <remarks>
/// Safe for concurrent use; call <see cref="Record"/> after every SMTP session. It never blocks on
/// I/O and never throws for a valid result. Sessions that delivered reports are not counted.
/// </remarks>
public sealed partial class TlsReportRecorder
{
    // Domains warned about today; cleared when it grows past this, so it stays small.
    private const int MaxWarned = 1024;

    private readonly ITlsReportStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ReportingMetrics _metrics;
    private readonly ConcurrentDictionary<TlsReportKey, bool> _warned = new();

    /// <summary>Initializes a new instance of the <see cref="TlsReportRecorder"/> class.</summary>
    /// <param name="store">Where the counts go.</param>
    /// <param name="timeProvider">The clock that decides the day; <see langword="null"/> for the system clock.</param>
    /// <param name="logger">Where folded and dropped sessions are logged; <see langword="null"/> for none.</param>
    /// <param name="meterFactory">Creates the <c>MtaSts.Client</c> meter; <see langword="null"/> for a meter of its own.</param>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    public TlsReportRecorder(
        ITlsReportStore store,
        TimeProvider? timeProvider = null,
        ILogger<TlsReportRecorder>? logger = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(store);

        _store = store;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _metrics = new ReportingMetrics(meterFactory);
    }

    /// <summary>Counts one session under its Policy Domain and today's UTC day.</summary>
    /// <param name="session">The session's result.</param>
    /// <returns>How it was counted; <see cref="SessionCountOutcome.Ignored"/> for a report delivery.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="session"/> is null.</exception>
    public SessionCountOutcome Record(SessionResult session)
    {
        ArgumentNullException.ThrowIfNull(session);

        if (session.IsReportDelivery)
        {
            _metrics.Recorded(session.ResultType, SessionCountOutcome.Ignored);
            return SessionCountOutcome.Ignored;
        }

        TlsReportKey key = TlsReportKey.At(_time.GetUtcNow(), session.Policy.PolicyDomain);
        SessionCountOutcome outcome = _store.Add(key, session);
        _metrics.Recorded(session.ResultType, outcome);
        if (outcome != SessionCountOutcome.Counted && FirstWarningToday(key))
        {
            if (outcome == SessionCountOutcome.Folded)
            {
                Log.DetailsFolded(_logger, key.PolicyDomain.Name, key.Day);
            }
            else
            {
                Log.SessionDropped(_logger, key.PolicyDomain.Name, key.Day);
            }
        }

        return outcome;
    }

    private bool FirstWarningToday(TlsReportKey key)
    {
        if (_warned.Count >= MaxWarned)
        {
            _warned.Clear();
        }

        return _warned.TryAdd(key, true);
    }

    private static partial class Log
    {
        [LoggerMessage(111, LogLevel.Warning,
            "The TLS report of {PolicyDomain} for {Day} has the most distinct failure details a policy may hold; "
            + "new ones are counted under their result type only.")]
        public static partial void DetailsFolded(ILogger logger, string policyDomain, DateOnly day);

        [LoggerMessage(112, LogLevel.Warning,
            "The TLS report of {PolicyDomain} for {Day} has the most distinct policies a day may hold; "
            + "sessions under another policy are not counted.")]
        public static partial void SessionDropped(ILogger logger, string policyDomain, DateOnly day);
    }
}
