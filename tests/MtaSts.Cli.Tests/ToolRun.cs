using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using NUnit.Framework;

namespace MtaSts.Cli.Tests;

/// <summary>One in-process run of the command line, with everything it printed.</summary>
internal sealed record ToolRun(int ExitCode, string Output, string Error)
{
    public static Task<ToolRun> RunAsync(params string[] args) => RunAsync(Stream.Null, args);

    public static async Task<ToolRun> RunAsync(Stream stdin, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int exitCode = await MtaStsCommand.RunAsync(args, stdout, stderr, stdin);

        // The assertions are written with \n; a Windows run prints \r\n.
        return new ToolRun(
            exitCode,
            stdout.ToString().ReplaceLineEndings("\n"),
            stderr.ToString().ReplaceLineEndings("\n"));
    }

    /// <summary>The full path of a file under TestData/ in the test output.</summary>
    public static string TestFile(string name) =>
        Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", name);

    /// <summary>Parses the output as exactly one JSON object.</summary>
    public JsonElement ParseJson()
    {
        using JsonDocument document = JsonDocument.Parse(Output);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"The output is a JSON {document.RootElement.ValueKind}, not an object.");
        }

        return document.RootElement.Clone();
    }
}
