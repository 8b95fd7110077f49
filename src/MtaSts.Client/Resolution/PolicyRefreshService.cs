using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MtaSts.Client.Resolution;

/// <summary>
/// A hosted service that calls
/// <see cref="MtaStsPolicyResolver.RefreshAsync(TimeSpan, CancellationToken)"/> on a schedule, so
/// that policies in use are renewed before they expire without waiting for a delivery to need them.
/// </summary>
internal sealed partial class PolicyRefreshService : BackgroundService
{
    private readonly MtaStsPolicyResolver _resolver;
    private readonly PolicyRefreshOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public PolicyRefreshService(
        MtaStsPolicyResolver resolver,
        PolicyRefreshOptions options,
        TimeProvider timeProvider,
        ILogger<PolicyRefreshService>? logger)
    {
        options.Validate();
        _resolver = resolver;
        _options = options;
        _time = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Interval, _time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var refreshes = await _resolver.RefreshAsync(_options.OlderThan, stoppingToken).ConfigureAwait(false);
                LogRefreshRan(_logger, refreshes.Count);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One bad round must not end the schedule; each domain's outcome is logged by the resolver.
                LogRefreshRoundFailed(_logger, exception);
            }
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "Policy refresh looked at {Count} cached policies")]
    private static partial void LogRefreshRan(ILogger logger, int count);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "Policy refresh round failed")]
    private static partial void LogRefreshRoundFailed(ILogger logger, Exception exception);
}
