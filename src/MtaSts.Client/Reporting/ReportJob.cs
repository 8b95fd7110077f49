using System;
using System.Collections.Generic;

namespace MtaSts.Client.Reporting;

/// <summary>The sending of one day's report of one Policy Domain: when it is due, and each destination's progress.</summary>
internal sealed class ReportJob
{
    public ReportJob(TlsReportKey key, DateTimeOffset dueAt)
    {
        Key = key;
        DueAt = dueAt;
    }

    public TlsReportKey Key { get; }

    /// <summary>Gets or sets when the job next has something to do.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>Gets or sets when the first attempt (the record lookup) was made; retries end a retry period after it.</summary>
    public DateTimeOffset? FirstAttemptAt { get; set; }

    public int LookupFailures { get; set; }

    /// <summary>Gets or sets the report, built once, so that every destination and every retry gets the same one.</summary>
    public TlsReportPayload? Payload { get; set; }

    public List<Destination>? Destinations { get; set; }

    internal sealed class Destination
    {
        public Destination(ReportDestination target, DateTimeOffset nextAttemptAt)
        {
            Target = target;
            NextAttemptAt = nextAttemptAt;
        }

        public ReportDestination Target { get; }

        public DateTimeOffset NextAttemptAt { get; set; }

        public int Failures { get; set; }

        public bool IsFinished { get; set; }

        public bool IsDelivered { get; set; }
    }
}
