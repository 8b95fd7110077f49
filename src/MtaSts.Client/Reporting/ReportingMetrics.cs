using System.Collections.Generic;
using System.Diagnostics.Metrics;
using MtaSts.Client.Resolution;

namespace MtaSts.Client.Reporting;

/// <summary>
/// The reporting instruments, on the meter <c>MtaSts.Client</c>. Tags take a fixed, small set of
/// values (result types, outcomes, transports), never a domain name.
/// </summary>
internal sealed class ReportingMetrics
{
    private readonly Counter<long> _sessions;
    private readonly Counter<long> _deliveries;

    public ReportingMetrics(IMeterFactory? meterFactory)
    {
        Meter meter = meterFactory?.Create(ResolverMetrics.MeterName) ?? new Meter(ResolverMetrics.MeterName);
        _sessions = meter.CreateCounter<long>(
            "mtasts.report.sessions",
            unit: "{session}",
            description: "Sessions recorded for TLS reports, by result type and how they were counted (outcome).");
        _deliveries = meter.CreateCounter<long>(
            "mtasts.report.deliveries",
            unit: "{delivery}",
            description: "Attempts to deliver a TLS report, by transport (https, mailto) and outcome.");
    }

    public void Recorded(string resultType, SessionCountOutcome outcome)
    {
        if (_sessions.Enabled)
        {
            _sessions.Add(
                1,
                new KeyValuePair<string, object?>("result_type", resultType),
                new KeyValuePair<string, object?>("outcome", OutcomeName(outcome)));
        }
    }

    public void Delivered(bool https, string outcome) =>
        _deliveries.Add(
            1,
            new KeyValuePair<string, object?>("transport", https ? "https" : "mailto"),
            new KeyValuePair<string, object?>("outcome", outcome));

    private static string OutcomeName(SessionCountOutcome outcome) => outcome switch
    {
        SessionCountOutcome.Counted => "counted",
        SessionCountOutcome.Folded => "folded",
        SessionCountOutcome.Dropped => "dropped",
        _ => "ignored",
    };
}
