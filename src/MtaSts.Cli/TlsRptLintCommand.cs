using System.CommandLine;
using System.IO;
using MtaSts.Client.Reporting;
using ParseResult = System.CommandLine.ParseResult;

namespace MtaSts.Cli;

/// <summary>
/// <c>mtasts tlsrpt lint "&lt;TXT value&gt;" [--json]</c>: lints one <c>_smtp._tls</c> TXT record (RFC 8460 §3).
/// </summary>
internal sealed class TlsRptLintCommand : Command
{
    private readonly Argument<string> _value = new("record")
    {
        Description = "The TXT record value, its strings joined, for example \"v=TLSRPTv1; rua=mailto:tlsrpt@example.com\".",
    };

    private readonly Option<bool> _json = LintOptions.CreateJson();

    /// <summary>Initializes a new instance of the <see cref="TlsRptLintCommand"/> class.</summary>
    public TlsRptLintCommand()
        : base("lint", "Lint one _smtp._tls TXT record value (RFC 8460 §3).")
    {
        Add(_value);
        Add(_json);
        SetAction(Run);
    }

    /// <summary>Creates the <c>tlsrpt</c> command with its subcommands.</summary>
    /// <returns>The command.</returns>
    public static Command CreateGroup() =>
        new("tlsrpt", "Work with _smtp._tls (TLSRPT) TXT records.") { new TlsRptLintCommand() };

    private int Run(ParseResult parseResult)
    {
        TlsRptRecordParseResult result = TlsRptRecordParser.Parse(parseResult.GetRequiredValue(_value));

        TextWriter output = parseResult.InvocationConfiguration.Output;
        if (parseResult.GetValue(_json))
        {
            WriteJson(output, result);
        }
        else
        {
            WriteText(output, result);
        }

        return result.IsValid ? ExitCodes.Valid : ExitCodes.Invalid;
    }

    private static void WriteText(TextWriter output, TlsRptRecordParseResult result)
    {
        TextOutput.WriteVerdict(output, "TLSRPT record", result.IsValid, result, showProfile: false);
        if (result.Record is null)
        {
            TextOutput.WriteField(output, "rua", null);
        }
        else
        {
            foreach (ReportDestination destination in result.Record.Destinations)
            {
                TextOutput.WriteField(output, "rua", destination.ToString());
            }

            TextOutput.WriteExtensions(output, result.Record.Extensions);
        }

        TextOutput.WriteDiagnostics(output, result.Diagnostics);
    }

    private static void WriteJson(TextWriter output, TlsRptRecordParseResult result) =>
        JsonOutput.WriteObject(output, writer =>
        {
            writer.WriteBoolean("valid", result.IsValid);
            writer.WriteStartArray("rua");
            foreach (ReportDestination destination in result.Record?.Destinations ?? [])
            {
                writer.WriteStringValue(destination.ToString());
            }

            writer.WriteEndArray();
            JsonOutput.WriteDiagnostics(writer, "errors", result.Errors);
            JsonOutput.WriteDiagnostics(writer, "warnings", result.Warnings);
        });
}
