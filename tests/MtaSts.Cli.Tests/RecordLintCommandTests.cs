using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using NUnit.Framework;

namespace MtaSts.Cli.Tests;

[TestFixture]
public sealed class RecordLintCommandTests
{
    [Test]
    public async Task Run_ValidRecord_PrintsVerdictAndIdAndExitsZero()
    {
        ToolRun run = await ToolRun.RunAsync("record", "lint", "v=STSv1; id=20240101T000000;");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Valid));
        Assert.That(run.Output, Does.StartWith("valid record (sender profile)\n"));
        Assert.That(run.Output, Does.Contain("  id: 20240101T000000\n"));
        Assert.That(run.Error, Is.Empty);
    }

    [Test]
    public async Task Run_InvalidId_PrintsErrorAndExitsOne()
    {
        ToolRun run = await ToolRun.RunAsync("record", "lint", "v=STSv1; id=not_valid;");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Invalid));
        Assert.That(run.Output, Does.StartWith("invalid record (sender profile): 1 error, 0 warnings\n"));
        Assert.That(run.Output, Does.Contain("  id: (missing or invalid)\n"));
        Assert.That(run.Output, Does.Contain("error record-invalid-id: "));
    }

    [Test]
    public async Task Run_TrailingWhitespaceWithStrict_FlipsVerdictToInvalid()
    {
        const string Record = "v=STSv1; id=abc123 ";

        ToolRun sender = await ToolRun.RunAsync("record", "lint", Record);
        ToolRun strict = await ToolRun.RunAsync("record", "lint", Record, "--strict");

        Assert.That(sender.ExitCode, Is.EqualTo(ExitCodes.Valid));
        Assert.That(sender.Output, Does.Contain("warning record-trailing-whitespace: "));
        Assert.That(strict.ExitCode, Is.EqualTo(ExitCodes.Invalid));
        Assert.That(strict.Output, Does.StartWith("invalid record (strict profile)"));
        Assert.That(strict.Output, Does.Contain("error record-trailing-whitespace: "));
    }

    [Test]
    public async Task Run_ExtensionField_PrintsIt()
    {
        ToolRun run = await ToolRun.RunAsync("record", "lint", "v=STSv1; id=abc123; ext=value");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Valid));
        Assert.That(run.Output, Does.Contain("  extension: ext=value\n"));
    }

    [Test]
    public async Task Run_ValidRecordWithJson_PrintsEveryField()
    {
        ToolRun run = await ToolRun.RunAsync("record", "lint", "v=STSv1; id=abc123; ext=value", "--json");
        JsonElement json = run.ParseJson();

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Valid));
        Assert.That(
            json.EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "valid", "profile", "id", "extensions", "errors", "warnings" }));
        Assert.That(json.GetProperty("valid").GetBoolean(), Is.True);
        Assert.That(json.GetProperty("profile").GetString(), Is.EqualTo("sender"));
        Assert.That(json.GetProperty("id").GetString(), Is.EqualTo("abc123"));
        JsonElement extension = json.GetProperty("extensions").EnumerateArray().Single();
        Assert.That(extension.GetProperty("name").GetString(), Is.EqualTo("ext"));
        Assert.That(extension.GetProperty("value").GetString(), Is.EqualTo("value"));
        Assert.That(json.GetProperty("errors").GetArrayLength(), Is.Zero);
        Assert.That(json.GetProperty("warnings").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Run_InvalidRecordWithJson_HasNullIdAndTheError()
    {
        ToolRun run = await ToolRun.RunAsync("record", "lint", "v=STSv1;", "--json", "--strict");
        JsonElement json = run.ParseJson();

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Invalid));
        Assert.That(json.GetProperty("valid").GetBoolean(), Is.False);
        Assert.That(json.GetProperty("profile").GetString(), Is.EqualTo("strict"));
        Assert.That(json.GetProperty("id").ValueKind, Is.EqualTo(JsonValueKind.Null));
        JsonElement error = json.GetProperty("errors").EnumerateArray().Single();
        Assert.That(
            error.EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "line", "code", "message" }));
        Assert.That(error.GetProperty("line").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("record-missing-id"));
        Assert.That(error.GetProperty("message").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task Run_NotAnStsRecord_ExitsOneWithRecordNotSts()
    {
        ToolRun run = await ToolRun.RunAsync("record", "lint", "v=spf1 -all");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Invalid));
        Assert.That(run.Output, Does.Contain("error record-not-sts: "));
    }

    [Test]
    public async Task Run_ValueStartingWithAt_IsLintedNotReadAsResponseFile()
    {
        ToolRun run = await ToolRun.RunAsync("record", "lint", "@v=STSv1; id=abc123;");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Invalid));
        Assert.That(run.Output, Does.Contain("error record-not-sts: "));
        Assert.That(run.Error, Is.Empty);
    }
}
