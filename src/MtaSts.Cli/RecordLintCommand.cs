using System.CommandLine;
using System.IO;
using MtaSts.Client.Policies;
using ParseResult = System.CommandLine.ParseResult;

namespace MtaSts.Cli;

/// <summary>
/// <c>mtasts record lint "&lt;TXT value&gt;" [--strict] [--json]</c>: lints one <c>_mta-sts</c> TXT record.
/// </summary>
internal sealed class RecordLintCommand : Command
{
    private readonly Argument<string> _value = new("record")
    {
        Description = "The TXT record value, its strings joined, for example \"v=STSv1; id=20240101T000000\".",
    };

    private readonly Option<bool> _strict = LintOptions.CreateStrict();
    private readonly Option<bool> _json = LintOptions.CreateJson();

    /// <summary>Initializes a new instance of the <see cref="RecordLintCommand"/> class.</summary>
    public RecordLintCommand()
        : base("lint", "Lint one _mta-sts TXT record value (RFC 8461 §3.1).")
    {
        Add(_value);
        Add(_strict);
        Add(_json);
        SetAction(Run);
    }

    private int Run(ParseResult parseResult)
    {
        string value = parseResult.GetRequiredValue(_value);
        ParsingProfile profile = LintOptions.ToProfile(parseResult.GetValue(_strict));
        RecordParseResult result = RecordParser.Parse(value, profile);

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

    private static void WriteText(TextWriter output, RecordParseResult result)
    {
        TextOutput.WriteVerdict(output, "record", result.IsValid, result);
        TextOutput.WriteField(output, "id", result.Record?.Id);
        if (result.Record is not null)
        {
            TextOutput.WriteExtensions(output, result.Record.Extensions);
        }

        TextOutput.WriteDiagnostics(output, result.Diagnostics);
    }

    private static void WriteJson(TextWriter output, RecordParseResult result) =>
        JsonOutput.WriteObject(output, writer =>
        {
            writer.WriteBoolean("valid", result.IsValid);
            writer.WriteString("profile", LintOptions.ToName(result.Profile));
            writer.WriteString("id", result.Record?.Id);
            JsonOutput.WriteExtensions(writer, result.Record?.Extensions ?? []);
            JsonOutput.WriteDiagnostics(writer, "errors", result.Errors);
            JsonOutput.WriteDiagnostics(writer, "warnings", result.Warnings);
        });
}
