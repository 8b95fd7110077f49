using System.Collections.Generic;
using System.Globalization;
using System.IO;
using MtaSts.Client.Policies;

namespace MtaSts.Cli;

/// <summary>The plain-text report the lint commands print by default: compact, one fact a line.</summary>
internal static class TextOutput
{
    private const string Absent = "(missing or invalid)";

    /// <summary>
    /// Writes the verdict line, for example <c>invalid policy (strict profile): 1 error, 2 warnings</c>.
    /// </summary>
    /// <param name="output">Where to write.</param>
    /// <param name="subject">What was linted: <c>record</c> or <c>policy</c>.</param>
    /// <param name="valid">Whether the input is valid.</param>
    /// <param name="result">The parse result, for the profile and the counts.</param>
    /// <param name="showProfile">
    /// Whether to name the profile; not for a command that offers no choice of one.
    /// </param>
    public static void WriteVerdict(
        TextWriter output,
        string subject,
        bool valid,
        ParseResult result,
        bool showProfile = true)
    {
        string verdict = valid ? "valid" : "invalid";
        string profile = showProfile ? $" ({LintOptions.ToName(result.Profile)} profile)" : string.Empty;
        string counts = result.Diagnostics.Count == 0
            ? string.Empty
            : ": " + Count(result.Errors.Count, "error") + ", " + Count(result.Warnings.Count, "warning");

        output.WriteLine($"{verdict} {subject}{profile}{counts}");
    }

    /// <summary>Writes one parsed field, indented under the verdict.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="name">The field name as RFC 8461 spells it.</param>
    /// <param name="value">The value, or <see langword="null"/> when it is missing or invalid.</param>
    public static void WriteField(TextWriter output, string name, string? value) =>
        output.WriteLine($"  {name}: {value ?? Absent}");

    /// <summary>Writes the fields RFC 8461 does not define, one a line.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="extensions">The extension fields.</param>
    public static void WriteExtensions(TextWriter output, IReadOnlyList<ExtensionField> extensions)
    {
        foreach (ExtensionField extension in extensions)
        {
            output.WriteLine($"  extension: {extension.Name}={extension.Value}");
        }
    }

    /// <summary>Writes each diagnostic as <c>line N: error code: message</c>, in the order found.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="diagnostics">The diagnostics.</param>
    /// <param name="indent">What each line starts with.</param>
    public static void WriteDiagnostics(
        TextWriter output,
        IReadOnlyList<ParseDiagnostic> diagnostics,
        string indent = "")
    {
        foreach (ParseDiagnostic diagnostic in diagnostics)
        {
            string severity = diagnostic.IsError ? "error" : "warning";
            string line = diagnostic.Line is int number
                ? string.Create(CultureInfo.InvariantCulture, $"line {number}: ")
                : string.Empty;
            output.WriteLine($"{indent}{line}{severity} {diagnostic.Code}: {diagnostic.Message}");
        }
    }

    private static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");
}
