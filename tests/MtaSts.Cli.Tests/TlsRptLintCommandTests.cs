using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using NUnit.Framework;

namespace MtaSts.Cli.Tests;

[TestFixture]
public sealed class TlsRptLintCommandTests
{
    [Test]
    public async Task Run_ValidRecord_PrintsEachDestinationAndExitsZero()
    {
        ToolRun run = await ToolRun.RunAsync("tlsrpt", "lint",
            "v=TLSRPTv1; rua=mailto:tlsrpt@example.com, https://r.example.com/v1");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Valid));
        Assert.That(run.Output, Does.StartWith("valid TLSRPT record\n"));
        Assert.That(run.Output, Does.Contain("  rua: mailto:tlsrpt@example.com\n  rua: https://r.example.com/v1\n"));
        Assert.That(run.Error, Is.Empty);
    }

    [Test]
    public async Task Run_NoRua_PrintsTheErrorAndExitsOne()
    {
        ToolRun run = await ToolRun.RunAsync("tlsrpt", "lint", "v=TLSRPTv1; foo=bar");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Invalid));
        Assert.That(run.Output, Does.StartWith("invalid TLSRPT record: 1 error, 0 warnings\n"));
        Assert.That(run.Output, Does.Contain("  rua: (missing or invalid)\n"));
        Assert.That(run.Output, Does.Contain("error tlsrpt-record-missing-rua: "));
    }

    [Test]
    public async Task Run_BadUriWithJson_ListsTheGoodOneAndWarnsAboutTheOther()
    {
        ToolRun run = await ToolRun.RunAsync("tlsrpt", "lint",
            "v=TLSRPTv1; rua=ftp://r.example.com/x,mailto:a@example.com", "--json");
        JsonElement json = run.ParseJson();

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Valid));
        Assert.That(json.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "valid", "rua", "errors", "warnings" }));
        Assert.That(json.GetProperty("valid").GetBoolean(), Is.True);
        Assert.That(json.GetProperty("rua").EnumerateArray().Select(e => e.GetString()),
            Is.EqualTo(new[] { "mailto:a@example.com" }));
        Assert.That(json.GetProperty("errors").GetArrayLength(), Is.Zero);
        JsonElement warning = json.GetProperty("warnings").EnumerateArray().Single();
        Assert.That(warning.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "line", "code", "message" }));
        Assert.That(warning.GetProperty("code").GetString(), Is.EqualTo("tlsrpt-rua-unsupported-scheme"));
    }

    [Test]
    public async Task Run_NotATlsRptRecordWithJson_IsInvalidWithAnEmptyRua()
    {
        ToolRun run = await ToolRun.RunAsync("tlsrpt", "lint", "v=STSv1; id=abc", "--json");
        JsonElement json = run.ParseJson();

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Invalid));
        Assert.That(json.GetProperty("valid").GetBoolean(), Is.False);
        Assert.That(json.GetProperty("rua").GetArrayLength(), Is.Zero);
        Assert.That(json.GetProperty("errors")[0].GetProperty("code").GetString(), Is.EqualTo("tlsrpt-record-not-tlsrpt"));
    }

    [Test]
    public async Task Run_MissingValue_IsAUsageError()
    {
        ToolRun run = await ToolRun.RunAsync("tlsrpt", "lint");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.EndWith(" See 'mtasts tlsrpt lint --help'.\n"));
    }
}
