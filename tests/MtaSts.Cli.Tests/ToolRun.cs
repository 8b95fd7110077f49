using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using NUnit.Framework;

namespace MtaSts.Cli.Tests;

/// <summary>One in-process run of the command line, with everything it printed.</summary>
internal sealed record ToolRun(int ExitCode, string Output, string Error)
{
    public static Task<ToolRun> RunAsync(params string[] args) => RunAsync(Stream.Null, args);

    public static Task<ToolRun> RunAsync(Stream stdin, params string[] args) => RunAsync(stdin, false, args);

    /// <summary>A run whose standard error is taken for a terminal, where a person watches progress.</summary>
    public static Task<ToolRun> RunOnTerminalAsync(params string[] args) => RunAsync(Stream.Null, true, args);

    private static async Task<ToolRun> RunAsync(Stream stdin, bool stderrIsTerminal, string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int exitCode = await MtaStsCommand.RunAsync(args, stdout, stderr, stdin, stderrIsTerminal);

        // The assertions are written with \n; a Windows run prints \r\n. On a terminal the progress
        // line is redrawn with bare \r, which must stay as it is.
        string error = stderr.ToString();
        return new ToolRun(
            exitCode,
            stdout.ToString().ReplaceLineEndings("\n"),
            stderrIsTerminal ? error : error.ReplaceLineEndings("\n"));
    }

    /// <summary>
    /// Runs the built tool as a process of its own, on the runtime and with the assemblies of the
    /// tests: the test output holds no copy of the Microsoft.Extensions packages the tool's own
    /// deps file names, since the ASP.NET Core shared framework of the test servers provides them.
    /// </summary>
    public static Task<ToolRun> RunProcessAsync(params string[] args) => RunProcessAsync(null, args);

    /// <summary>
    /// <see cref="RunProcessAsync(string[])"/>, sending the tool SIGINT as Ctrl+C would once
    /// <paramref name="interruptAfter"/> has passed.
    /// </summary>
    public static Task<ToolRun> RunProcessAndInterruptAsync(TimeSpan interruptAfter, params string[] args) =>
        RunProcessAsync(interruptAfter, args);

    private static async Task<ToolRun> RunProcessAsync(TimeSpan? interruptAfter, string[] args)
    {
        string tests = typeof(ToolRun).Assembly.Location;
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in new[]
        {
            "exec",
            "--runtimeconfig", Path.ChangeExtension(tests, ".runtimeconfig.json"),
            "--depsfile", Path.ChangeExtension(tests, ".deps.json"),
            typeof(MtaStsCommand).Assembly.Location,
        })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (interruptAfter is { } delay)
        {
            await Task.Delay(delay);
            using Process kill = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        return new ToolRun(
            process.ExitCode,
            (await output).ReplaceLineEndings("\n"),
            (await error).ReplaceLineEndings("\n"));
    }

    /// <summary>The dotnet host running the tests, so the tool runs on the same runtime.</summary>
    public static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        string? current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
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
