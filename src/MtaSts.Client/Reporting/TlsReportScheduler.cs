using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MtaSts.Client.Reporting;

/// <summary>
/// Sends each finished UTC day's TLS reports (RFC 8460 §4.1, §5): after a random delay past
/// midnight, looks up each Policy Domain's <c>_smtp._tls</c> record, sends the report to every
/// destination it names, retries failures with exponential back-off for up to a retry period
/// (RFC 8460 §5.5), and forgets the day's counts once every destination has accepted the report or
/// been given up.
/// </summary>
/// <remarks>
/// Run it as a hosted service (<c>AddMtaStsReporting</c> does), or call <see cref="SendDueAsync"/>
/// from a loop of one's own. A failing or slow destination never stops the others. Progress of a
/// pending delivery is kept in memory: after a restart, a day still in the store is sent again from
/// the start, so a receiver may get a report twice but never loses one.
/// </remarks>
public sealed partial class TlsReportScheduler : BackgroundService
{
    private static readonly TimeSpan s_longestSleep = TimeSpan.FromHours(1);
    private static readonly TimeSpan s_shortestSleep = TimeSpan.FromSeconds(1);

    private readonly ITlsReportStore _store;
    private readonly TlsRptDiscovery _discovery;
    private readonly HttpsReportSender _https;
    private readonly ITlsReportMailer? _mailer;
    private readonly TlsReportingOptions _options;
    private readonly string _submitter;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ReportingMetrics _metrics;
    private readonly Random _random;
    private readonly Dictionary<TlsReportKey, ReportJob> _jobs = new();
    private readonly SemaphoreSlim _passGate = new(1, 1);

    /// <summary>Initializes a new instance of the <see cref="TlsReportScheduler"/> class.</summary>
    /// <param name="store">Where the counts are.</param>
    /// <param name="discovery">Looks up where each domain's reports go.</param>
    /// <param name="https">Posts reports to <c>https:</c> destinations.</param>
    /// <param name="options">Who sends, and when; validated here.</param>
    /// <param name="mailer">Mails reports to <c>mailto:</c> destinations; <see langword="null"/> skips them.</param>
    /// <param name="timeProvider">The clock of days, delays and retries; <see langword="null"/> for the system clock.</param>
    /// <param name="logger">Where deliveries are logged; <see langword="null"/> for none.</param>
    /// <param name="meterFactory">Creates the <c>MtaSts.Client</c> meter; <see langword="null"/> for a meter of its own.</param>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid.</exception>
    public TlsReportScheduler(
        ITlsReportStore store,
        TlsRptDiscovery discovery,
        HttpsReportSender https,
        TlsReportingOptions options,
        ITlsReportMailer? mailer = null,
        TimeProvider? timeProvider = null,
        ILogger<TlsReportScheduler>? logger = null,
        IMeterFactory? meterFactory = null)
        : this(store, discovery, https, options, mailer, timeProvider, logger, meterFactory, Random.Shared)
    {
    }

    internal TlsReportScheduler(
        ITlsReportStore store,
        TlsRptDiscovery discovery,
        HttpsReportSender https,
        TlsReportingOptions options,
        ITlsReportMailer? mailer,
        TimeProvider? timeProvider,
        ILogger<TlsReportScheduler>? logger,
        IMeterFactory? meterFactory,
        Random random)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(discovery);
        ArgumentNullException.ThrowIfNull(https);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        _store = store;
        _discovery = discovery;
        _https = https;
        _mailer = mailer;
        _options = options;
        _submitter = options.EffectiveSubmitterDomain;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _metrics = new ReportingMetrics(meterFactory);
        _random = random;
    }

    /// <summary>Gets how many reports are waiting to be sent or retried.</summary>
    internal int PendingReports
    {
        get
        {
            lock (_jobs)
            {
                return _jobs.Count;
            }
        }
    }

    /// <summary>
    /// Does what is due now: schedules the reports of days that have ended, and makes every lookup
    /// and delivery attempt whose time has come. Calls do not overlap; a second waits for the first.
    /// </summary>
    /// <param name="cancellationToken">Stops the pass; what was not done is done by a later one.</param>
    /// <returns>When the next pass has something to do.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public async Task<DateTimeOffset> SendDueAsync(CancellationToken cancellationToken)
    {
        await _passGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            DateTimeOffset now = _time.GetUtcNow();
            foreach (ReportJob job in TakeDue(now))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await RunAsync(job, cancellationToken).ConfigureAwait(false);
            }

            return NextDue(now);
        }
        finally
        {
            _passGate.Release();
        }
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset next;
            try
            {
                next = await SendDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                Log.PassFailed(_logger, e);
                next = _time.GetUtcNow() + s_longestSleep;
            }

            TimeSpan sleep = next - _time.GetUtcNow();
            sleep = sleep < s_shortestSleep ? s_shortestSleep : sleep > s_longestSleep ? s_longestSleep : sleep;
            try
            {
                await Task.Delay(sleep, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private List<ReportJob> TakeDue(DateTimeOffset now)
    {
        DateOnly today = DateOnly.FromDateTime(now.UtcDateTime);
        lock (_jobs)
        {
            foreach (TlsReportKey key in _store.GetKeys())
            {
                if (key.Day < today && !_jobs.ContainsKey(key))
                {
                    // RFC 8460 §4.1: a random delay after the day ends spreads the load on receivers.
                    TimeSpan spread = TimeSpan.FromTicks((long)(_random.NextDouble() * _options.MaximumSendDelay.Ticks));
                    DateTimeOffset dayEnd = key.Start.AddDays(1);
                    _jobs.Add(key, new ReportJob(key, (dayEnd > now ? dayEnd : now) + spread));
                }
            }

            return _jobs.Values.Where(job => job.DueAt <= now).OrderBy(job => job.DueAt).ToList();
        }
    }

    private DateTimeOffset NextDue(DateTimeOffset now)
    {
        // A day's counts become a report only after midnight, so nothing is due later than that.
        DateTimeOffset next = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
        lock (_jobs)
        {
            foreach (ReportJob job in _jobs.Values)
            {
                if (job.DueAt < next)
                {
                    next = job.DueAt;
                }
            }
        }

        return next;
    }

    private void Forget(ReportJob job)
    {
        lock (_jobs)
        {
            _jobs.Remove(job.Key);
        }
    }
}
