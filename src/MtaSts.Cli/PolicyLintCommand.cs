using System;
using System.Collections.Generic;
using System.Globalization;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using MtaSts.Client.Policies;
using ParseResult = System.CommandLine.ParseResult;

namespace MtaSts.Cli;

/// <summary>
/// <c>mtasts policy lint &lt;file|-&gt; [--strict] [--mx HOST]... [--json]</c>: lints a policy file
/// and tells which MX hosts it covers.
/// </summary>
internal sealed class PolicyLintCommand : Command
{
    private const string StandardInputPath = "-";

    private readonly Stream _standardInput;

    private readonly Argument<string> _file = new("file")
    {
        Description = "The policy file as served at https://mta-sts.<domain>/.well-known/mta-sts.txt, "
            + "or '-' to read standard input.",
    };

    private readonly Option<string[]> _mx = new("--mx")
    {
        Description = "An MX host to check against the policy's mx patterns; repeat for several hosts.",
        HelpName = "host",
    };

    private readonly Option<bool> _strict = LintOptions.CreateStrict();
    private readonly Option<bool> _json = LintOptions.CreateJson();

    /// <summary>Initializes a new instance of the <see cref="PolicyLintCommand"/> class.</summary>
    /// <param name="standardInput">The stream that <c>-</c> reads.</param>
    public PolicyLintCommand(Stream standardInput)
        : base("lint", "Lint an MTA-STS policy file (RFC 8461 §3.2).")
    {
        _standardInput = standardInput;

        Add(_file);
        Add(_mx);
        Add(_strict);
        Add(_json);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        string path = parseResult.GetRequiredValue(_file);
        byte[]? body = await ReadAsync(path, parseResult.InvocationConfiguration.Error, cancellationToken)
            .ConfigureAwait(false);

        // An interrupted read of standard input looks like its end; a part of a policy gets no verdict.
        cancellationToken.ThrowIfCancellationRequested();
        if (body is null)
        {
            return ExitCodes.Usage;
        }

        ParsingProfile profile = LintOptions.ToProfile(parseResult.GetValue(_strict));
        PolicyParseResult result = PolicyParser.Parse(body, profile);

        string[] hosts = parseResult.GetValue(_mx) ?? [];
        var matches = new MxMatch[hosts.Length];
        for (int i = 0; i < hosts.Length; i++)
        {
            matches[i] = MxMatch.Find(hosts[i], result.MxPatterns);
        }

        TextWriter output = parseResult.InvocationConfiguration.Output;
        if (parseResult.GetValue(_json))
        {
            WriteJson(output, result, matches);
        }
        else
        {
            WriteText(output, result, matches);
        }

        return result.IsValid ? ExitCodes.Valid : ExitCodes.Invalid;
    }

    /// <summary>Reads the body as raw bytes, or reports on one line why it cannot be read.</summary>
    /// <remarks>
    /// Bytes, never text: a decoder would drop a byte order mark or replace invalid UTF-8 before the
    /// parser could report either. One byte more than a policy may have is read, and no more:
    /// enough for the parser to report a body that is too large.
    /// </remarks>
    private async Task<byte[]?> ReadAsync(string path, TextWriter error, CancellationToken cancellationToken)
    {
        if (path != StandardInputPath && string.IsNullOrWhiteSpace(path))
        {
            await error.WriteLineAsync("mtasts: the policy file name is empty.").ConfigureAwait(false);
            return null;
        }

        string shown = path == StandardInputPath ? "standard input" : $"'{path}'";
        try
        {
            if (path == StandardInputPath)
            {
                return await ReadBoundedAsync(_standardInput, cancellationToken).ConfigureAwait(false);
            }

            using FileStream file = File.OpenRead(path);
            return await ReadBoundedAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (BoundedRead.IsReadFailure(exception))
        {
            string reason = BoundedRead.Describe(exception, path);
            await error.WriteLineAsync($"mtasts: cannot read {shown}: {reason}").ConfigureAwait(false);
            return null;
        }
    }

    private static Task<byte[]> ReadBoundedAsync(Stream input, CancellationToken cancellationToken) =>
        BoundedRead.ReadAsync(input, PolicyParser.MaxBodyLength + 1, cancellationToken);

    private static void WriteText(TextWriter output, PolicyParseResult result, IReadOnlyList<MxMatch> matches)
    {
        TextOutput.WriteVerdict(output, "policy", result.IsValid, result);
        TextOutput.WriteField(output, "version", result.Version);
        TextOutput.WriteField(output, "mode", result.Mode?.ToPolicyValue());
        TextOutput.WriteField(output, "max_age", result.MaxAgeSeconds?.ToString(CultureInfo.InvariantCulture));
        if (result.MxPatterns.Count == 0)
        {
            output.WriteLine("  mx: (no usable pattern)");
        }

        foreach (MxPattern pattern in result.MxPatterns)
        {
            output.WriteLine($"  mx: {pattern.Value}");
        }

        TextOutput.WriteExtensions(output, result.Extensions);
        TextOutput.WriteDiagnostics(output, result.Diagnostics);
        foreach (MxMatch match in matches)
        {
            output.WriteLine(match.Pattern is null
                ? $"mx host {match.Host}: matches no pattern"
                : $"mx host {match.Host}: matches {match.Pattern}");
        }
    }

    private static void WriteJson(TextWriter output, PolicyParseResult result, IReadOnlyList<MxMatch> matches) =>
        JsonOutput.WriteObject(output, writer =>
        {
            writer.WriteBoolean("valid", result.IsValid);
            writer.WriteString("profile", LintOptions.ToName(result.Profile));
            writer.WriteString("version", result.Version);
            writer.WriteString("mode", result.Mode?.ToPolicyValue());
            JsonOutput.WriteNumberOrNull(writer, "max_age", result.MaxAgeSeconds);

            writer.WriteStartArray("mx");
            foreach (MxPattern pattern in result.MxPatterns)
            {
                writer.WriteStringValue(pattern.Value);
            }

            writer.WriteEndArray();

            JsonOutput.WriteExtensions(writer, result.Extensions);
            JsonOutput.WriteDiagnostics(writer, "errors", result.Errors);
            JsonOutput.WriteDiagnostics(writer, "warnings", result.Warnings);

            writer.WriteStartArray("mx_matches");
            foreach (MxMatch match in matches)
            {
                writer.WriteStartObject();
                writer.WriteString("host", match.Host);
                writer.WriteBoolean("matches", match.Matches);
                writer.WriteString("pattern", match.Pattern);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
}
