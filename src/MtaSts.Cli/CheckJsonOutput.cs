using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;

namespace MtaSts.Cli;

/// <summary>
/// The JSON report of <c>mtasts check --json</c>: exactly one object. Its field names are a
/// contract with scripts: fields may be added, never renamed or removed.
/// </summary>
internal static class CheckJsonOutput
{
    /// <summary>Writes the report.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="report">What the check found.</param>
    public static void Write(TextWriter output, CheckReport report) =>
        JsonOutput.WriteObject(output, writer =>
        {
            writer.WriteString("domain", report.Domain.Name);
            WriteRecord(writer, report.Record);
            WritePolicy(writer, report.Resolution, report.Failure);

            MxJsonOutput.WriteHosts(writer, report.Mx);
            writer.WriteString("probe", CheckReport.ToName(report.Probe));
            MxJsonOutput.WriteLookup(writer, report.Mx);
        });

    private static void WriteRecord(Utf8JsonWriter writer, RecordDiscoveryResult record)
    {
        writer.WriteStartObject("record");
        writer.WriteString("outcome", CheckReport.ToName(record.Outcome));
        writer.WriteString("id", record.PolicyId);
        writer.WriteString("message", record.Reason);
        WriteDiagnostics(writer, record.Diagnostics);
        writer.WriteEndObject();
    }

    private static void WritePolicy(Utf8JsonWriter writer, PolicyResolution resolution, CheckFailure? failure)
    {
        MtaStsPolicy? policy = resolution.Policy;
        writer.WriteStartObject("policy");
        writer.WriteBoolean("applied", resolution.HasPolicy);
        writer.WriteString("source", CheckReport.ToName(resolution.Source));
        writer.WriteString("mode", policy?.Mode.ToPolicyValue());
        writer.WriteString("id", resolution.Applied?.PolicyId);
        JsonOutput.WriteNumberOrNull(writer, "max_age", policy?.MaxAgeSeconds);

        writer.WriteStartArray("mx");
        foreach (MxPattern pattern in policy?.MxPatterns ?? [])
        {
            writer.WriteStringValue(pattern.Value);
        }

        writer.WriteEndArray();

        JsonOutput.WriteExtensions(writer, policy?.Extensions ?? []);
        WriteFailure(writer, failure);
        writer.WriteEndObject();
    }

    private static void WriteFailure(Utf8JsonWriter writer, CheckFailure? failure)
    {
        if (failure is null)
        {
            writer.WriteNull("failure");
            return;
        }

        writer.WriteStartObject("failure");
        writer.WriteString("kind", failure.Kind);
        writer.WriteString("reason", failure.Reason);
        writer.WriteString("result_type", failure.ResultType);
        writer.WriteString("message", failure.Message);
        WriteDiagnostics(writer, failure.Diagnostics);
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>"errors"</c> and <c>"warnings"</c> as the lint commands do.</summary>
    private static void WriteDiagnostics(Utf8JsonWriter writer, IReadOnlyList<ParseDiagnostic> diagnostics)
    {
        JsonOutput.WriteDiagnostics(writer, "errors", [.. diagnostics.Where(found => found.IsError)]);
        JsonOutput.WriteDiagnostics(writer, "warnings", [.. diagnostics.Where(found => !found.IsError)]);
    }
}
