using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using NUnit.Framework;

namespace MtaSts.Cli.Tests;

[TestFixture]
public sealed class ProgramTests
{
    [Test]
    public async Task Main_RunAsRealProcess_PrintsReportAndExitsWithVerdict()
    {
        string tool = typeof(MtaStsCommand).Assembly.Location;
        string policy = ToolRun.TestFile("invalid-fields.txt");
        var start = new ProcessStartInfo(ToolRun.DotnetHost())
        {
            ArgumentList = { tool, "policy", "lint", policy, "--mx", "mail.example.com" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.That(process.ExitCode, Is.EqualTo(ExitCodes.Invalid), await error);
        Assert.That(await output, Does.StartWith("invalid policy (sender profile): 2 errors, 0 warnings"));
        Assert.That(await output, Does.Contain("line 2: error policy-invalid-mode: "));
        Assert.That(await output, Does.Contain("mx host mail.example.com: matches mail.example.com"));
        Assert.That(await error, Is.Empty);
    }

    [Test]
    public async Task Main_MissingFileAsRealProcess_ExitsTwoWithOneLineOnStandardError()
    {
        var start = new ProcessStartInfo(ToolRun.DotnetHost())
        {
            ArgumentList = { typeof(MtaStsCommand).Assembly.Location, "policy", "lint", "no-such-policy.txt" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.That(process.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(await output, Is.Empty);
        Assert.That(
            await error,
            Is.EqualTo("mtasts: cannot read 'no-such-policy.txt': no such file." + Environment.NewLine));
    }
}
