using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace MtaSts.Client.Reporting;

/// <summary>One report's record lookup, deliveries and retries.</summary>
public sealed partial class TlsReportScheduler
{
    private async Task RunAsync(ReportJob job, CancellationToken cancellationToken)
    {
        DateTimeOffset now = _time.GetUtcNow();
        job.FirstAttemptAt ??= now;
        if (job.Destinations is null && !await PrepareAsync(job, now, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        foreach (ReportJob.Destination destination in job.Destinations!)
        {
            if (!destination.IsFinished && destination.NextAttemptAt <= now)
            {
                await DeliverAsync(job, destination, cancellationToken).ConfigureAwait(false);
            }
        }

        List<ReportJob.Destination> open = job.Destinations!.Where(d => !d.IsFinished).ToList();
        if (open.Count > 0)
        {
            job.DueAt = open.Min(d => d.NextAttemptAt);
            return;
        }

        int delivered = job.Destinations!.Count(d => d.IsDelivered);
        Log.ReportDone(_logger, job.Key.PolicyDomain.Name, job.Key.Day, delivered, job.Destinations!.Count);
        await FinishAsync(job, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Looks up the destinations and builds the report; false when there is nothing (more) to do now.</summary>
    private async Task<bool> PrepareAsync(ReportJob job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        TlsRptDiscoveryResult record;
        try
        {
            record = await _discovery.DiscoverAsync(job.Key.PolicyDomain, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            record = new TlsRptDiscoveryResult(job.Key.PolicyDomain, TlsRptDiscoveryOutcome.DnsFailure, null, e.Message);
        }

        if (record.Outcome == TlsRptDiscoveryOutcome.DnsFailure)
        {
            job.LookupFailures++;
            if (RetryAt(job, now, job.LookupFailures) is { } retry)
            {
                Log.LookupFailed(_logger, job.Key.PolicyDomain.Name, job.Key.Day, record.Reason, retry);
                job.DueAt = retry;
                return false;
            }

            Log.LookupGivenUp(_logger, job.Key.PolicyDomain.Name, job.Key.Day, record.Reason);
            await FinishAsync(job, cancellationToken).ConfigureAwait(false);
            return false;
        }

        IReadOnlyList<PolicyResults>? policies = _store.Find(job.Key);
        if (!record.IsFound || policies is null || policies.Count == 0)
        {
            Log.NoDestination(_logger, job.Key.PolicyDomain.Name, job.Key.Day, record.Reason);
            await FinishAsync(job, cancellationToken).ConfigureAwait(false);
            return false;
        }

        TlsReport report = TlsReport.ForDay(job.Key, _options.OrganizationName!, _options.ContactInfo!, policies);
        job.Payload = TlsReportPayload.Create(report, job.Key.PolicyDomain);
        job.Destinations = record.Record.Destinations.Select(target => new ReportJob.Destination(target, now)).ToList();
        return true;
    }

    private async Task DeliverAsync(ReportJob job, ReportJob.Destination destination, CancellationToken cancellationToken)
    {
        ReportDeliveryResult result;
        if (!destination.Target.IsHttps && _mailer is null)
        {
            Log.NoMailer(_logger, job.Key.PolicyDomain.Name, destination.Target.ToString());
            destination.IsFinished = true;
            return;
        }

        try
        {
            result = destination.Target.IsHttps
                ? await _https.SendAsync(destination.Target, job.Payload!, cancellationToken).ConfigureAwait(false)
                : await _mailer!.SendAsync(destination.Target, job.Payload!, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A transport of someone else's making may throw; that is a failed attempt like any other.
            result = ReportDeliveryResult.Failed(e.Message);
        }

        DateTimeOffset now = _time.GetUtcNow();
        string target = destination.Target.ToString();
        if (result.IsDelivered)
        {
            destination.IsFinished = true;
            destination.IsDelivered = true;
            _metrics.Delivered(destination.Target.IsHttps, "delivered");
            Log.Delivered(_logger, job.Key.PolicyDomain.Name, job.Key.Day, target, result.Message);
            return;
        }

        destination.Failures++;
        if (RetryAt(job, now, destination.Failures) is { } retry)
        {
            destination.NextAttemptAt = retry;
            _metrics.Delivered(destination.Target.IsHttps, "failed");
            Log.DeliveryFailed(_logger, job.Key.PolicyDomain.Name, job.Key.Day, target, result.Message, retry);
            return;
        }

        destination.IsFinished = true;
        _metrics.Delivered(destination.Target.IsHttps, "abandoned");
        Log.DeliveryGivenUp(_logger, job.Key.PolicyDomain.Name, job.Key.Day, target, result.Message, destination.Failures);
    }

    /// <summary>
    /// When to try again after the <paramref name="failures"/>th failure: the first retry delay,
    /// doubled for each failure before, capped; <see langword="null"/> once that falls past the
    /// retry period from the first attempt (RFC 8460 §5.5).
    /// </summary>
    private DateTimeOffset? RetryAt(ReportJob job, DateTimeOffset now, int failures)
    {
        double factor = Math.Pow(2, Math.Min(failures - 1, 30));
        long ticks = (long)Math.Min(_options.FirstRetryDelay.Ticks * factor, _options.MaximumRetryDelay.Ticks);
        DateTimeOffset retry = now + TimeSpan.FromTicks(ticks);
        return retry <= job.FirstAttemptAt!.Value + _options.RetryPeriod ? retry : null;
    }

    private async Task FinishAsync(ReportJob job, CancellationToken cancellationToken)
    {
        await _store.RemoveAsync(job.Key, cancellationToken).ConfigureAwait(false);
        Forget(job);
    }
}
