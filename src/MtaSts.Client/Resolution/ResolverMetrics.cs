using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using MtaSts.Client.Discovery;

namespace MtaSts.Client.Resolution;

/// <summary>
/// The resolver's instruments, on the meter <c>MtaSts.Client</c>. Every tag has a fixed, small set
/// of values, so no domain name ever becomes a time series.
/// </summary>
internal sealed class ResolverMetrics
{
    public const string MeterName = "MtaSts.Client";

    private static readonly string[] s_reasonNames = Enum.GetNames<ResolutionReason>();

    private readonly Counter<long> _resolutions;
    private readonly Counter<long> _fetchFailures;
    private readonly Histogram<double> _fetchDuration;

    public ResolverMetrics(IMeterFactory? meterFactory)
    {
        Meter meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _resolutions = meter.CreateCounter<long>(
            "mtasts.resolutions",
            unit: "{resolution}",
            description: "Policy resolutions, by where the policy came from (source) and why (reason).");
        _fetchFailures = meter.CreateCounter<long>(
            "mtasts.fetch.failures",
            unit: "{fetch}",
            description: "Failed policy fetches, by RFC 8460 result type and reason.");
        _fetchDuration = meter.CreateHistogram<double>(
            "mtasts.fetch.duration",
            unit: "s",
            description: "Time to fetch a policy over HTTPS, by outcome.");
    }

    public void Resolved(PolicyResolution resolution)
    {
        if (_resolutions.Enabled)
        {
            _resolutions.Add(
                1,
                new KeyValuePair<string, object?>("source", SourceName(resolution.Source)),
                new KeyValuePair<string, object?>("reason", s_reasonNames[(int)resolution.Reason]));
        }
    }

    public void Fetched(PolicyFetchResult fetch, TimeSpan duration)
    {
        _fetchDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", fetch.Outcome.ToString()));
        if (!fetch.IsFetched)
        {
            _fetchFailures.Add(
                1,
                new KeyValuePair<string, object?>("result_type", fetch.ResultType),
                new KeyValuePair<string, object?>("reason", fetch.FailureReasonCode));
        }
    }

    private static string SourceName(PolicySource source) => source switch
    {
        PolicySource.Fetched => "fetched",
        PolicySource.Cache => "cache",
        _ => "none",
    };
}
