using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace MtaSts.Cli;

/// <summary>The <c>mtasts</c> root command: the command tree, and running it against any streams.</summary>
internal sealed class MtaStsCommand : RootCommand
{
    private const string ToolName = "mtasts";

    // A record value or a policy file name starting with '@' is input to lint, not a response file.
    private static readonly ParserConfiguration s_parserConfiguration = new() { ResponseFileTokenReplacer = null };

    /// <summary>Initializes a new instance of the <see cref="MtaStsCommand"/> class.</summary>
    /// <param name="standardInput">The stream that <c>policy lint -</c> reads.</param>
    /// <param name="errorIsTerminal">Whether standard error is a terminal, where progress may be shown.</param>
    public MtaStsCommand(Stream standardInput, bool errorIsTerminal = false)
        : base("Lint MTA-STS (RFC 8461) records and policies, and check a domain's policy as a sender would.")
    {
        HelpName = ToolName;

        Add(new Command("record", "Work with _mta-sts TXT records.") { new RecordLintCommand() });
        Add(new Command("policy", "Work with MTA-STS policy files.") { new PolicyLintCommand(standardInput) });
        Add(TlsRptLintCommand.CreateGroup());
        Add(new CheckCommand(errorIsTerminal));
    }

    /// <summary>Parses and runs a command line.</summary>
    /// <param name="args">The command-line arguments, without the tool name.</param>
    /// <param name="stdout">Where reports and help go.</param>
    /// <param name="stderr">Where usage errors go, one line each.</param>
    /// <param name="stdin">What <c>policy lint -</c> reads, as bytes.</param>
    /// <param name="stderrIsTerminal">
    /// Whether <paramref name="stderr"/> is a terminal, where a progress line may be shown; never
    /// when it is redirected.
    /// </param>
    /// <returns>The exit code, one of <see cref="ExitCodes"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static async Task<int> RunAsync(
        string[] args,
        TextWriter stdout,
        TextWriter stderr,
        Stream stdin,
        bool stderrIsTerminal = false)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(stdin);

        var root = new MtaStsCommand(stdin, stderrIsTerminal);
        ParseResult parseResult = root.Parse(args, s_parserConfiguration);

        // The library's default prints the errors and the whole help text, and exits 1, which
        // scripts would read as "invalid". A usage error is exit 2 and one line instead.
        if (parseResult.Action is ParseErrorAction)
        {
            await stderr.WriteLineAsync(DescribeUsageError(parseResult)).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        // Without the default handler a bug surfaces as a crash rather than exit 1, "invalid".
        var invocation = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parseResult.InvokeAsync(invocation, CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: the library cancels the command's token; the user gets one line.
            await stderr.WriteLineAsync($"{ToolName}: interrupted.").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
    }

    private static string DescribeUsageError(ParseResult parseResult)
    {
        var messages = new List<string>();
        foreach (ParseError error in parseResult.Errors)
        {
            messages.Add(error.Message.ReplaceLineEndings(" "));
        }

        var path = new List<string>();
        for (SymbolResult? result = parseResult.CommandResult; result is CommandResult command; result = command.Parent)
        {
            path.Insert(0, command.Command is RootCommand ? ToolName : command.Command.Name);
        }

        return $"{ToolName}: {string.Join(" ", messages)} See '{string.Join(" ", path)} --help'.";
    }
}
