using System.Globalization;
using System.IO;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;

namespace MtaSts.Cli;

/// <summary>The plain-text report of <c>mtasts check</c>: one fact a line, values in one column.</summary>
internal static class CheckTextOutput
{
    private const int LabelWidth = 11;

    private static readonly string s_continuation = new(' ', LabelWidth);

    /// <summary>Writes the report.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="report">What the check found.</param>
    public static void Write(TextWriter output, CheckReport report)
    {
        WriteLine(output, "domain:", report.Domain.Name);
        WriteRecord(output, report.Record);
        WritePolicy(output, report.Resolution);
        if (report.Failure is { } failure)
        {
            WriteFailure(output, failure);
        }

        if (report.Mx is not { } mx)
        {
            WriteLine(output, "mx hosts:", "not probed (--no-probe)");
            return;
        }

        WriteLine(output, "mx hosts:", $"{mx.OutcomeName}: {mx.Lookup.Reason}");
        if (mx.Omitted > 0)
        {
            output.WriteLine(s_continuation + string.Create(CultureInfo.InvariantCulture,
                $"{mx.Omitted} more not probed: at most {MxCheck.MaxHosts} are"));
        }

        MxTextOutput.WriteHosts(output, mx);
    }

    private static void WriteRecord(TextWriter output, RecordDiscoveryResult record)
    {
        string outcome = CheckReport.ToName(record.Outcome);
        WriteLine(output, "record:", record.IsFound ? $"{outcome}, id {record.PolicyId}" : outcome);
        TextOutput.WriteDiagnostics(output, record.Diagnostics, s_continuation);
    }

    private static void WritePolicy(TextWriter output, PolicyResolution resolution)
    {
        if (!resolution.HasPolicy)
        {
            WriteLine(output, "policy:", "none applies");
            return;
        }

        MtaStsPolicy policy = resolution.Policy;
        WriteLine(output, "policy:", resolution.Source == PolicySource.Fetched
            ? $"applied, fetched from {resolution.Domain.PolicyUri}"
            : "applied, from the cache");

        // RFC 8461 §5: under mode none the domain has no active policy (project decision 27).
        string mode = policy.Mode.ToPolicyValue();
        WriteLine(output, "mode:", policy.Mode == PolicyMode.None ? mode + " (no active policy)" : mode);
        WriteLine(output, "id:", resolution.Applied.PolicyId);
        WriteLine(output, "max_age:", policy.MaxAgeSeconds.ToString(CultureInfo.InvariantCulture));
        if (policy.MxPatterns.Count == 0)
        {
            WriteLine(output, "mx:", "(none)");
        }

        foreach (MxPattern pattern in policy.MxPatterns)
        {
            WriteLine(output, "mx:", pattern.Value);
        }

        foreach (ExtensionField extension in policy.Extensions)
        {
            WriteLine(output, "extension:", $"{extension.Name}={extension.Value}");
        }
    }

    private static void WriteFailure(TextWriter output, CheckFailure failure)
    {
        string resultType = failure.ResultType is null ? string.Empty : $", result type {failure.ResultType}";
        WriteLine(output, "failure:", $"{failure.Kind}{resultType}, reason {failure.Reason}");
        output.WriteLine(s_continuation + failure.Message.ReplaceLineEndings(" "));
        TextOutput.WriteDiagnostics(output, failure.Diagnostics, s_continuation);
    }

    private static void WriteLine(TextWriter output, string label, string value) =>
        output.WriteLine(label.PadRight(LabelWidth) + value);
}
