using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using NUnit.Framework;

namespace MtaSts.Cli.Tests;

[TestFixture]
public sealed class PolicyLintCommandTests
{
    [Test]
    public async Task Run_ValidPolicy_PrintsVerdictAndFieldsAndExitsZero()
    {
        ToolRun run = await ToolRun.RunAsync("policy", "lint", ToolRun.TestFile("valid.txt"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Valid));
        Assert.That(run.Output, Is.EqualTo(
            "valid policy (sender profile)\n"
            + "  version: STSv1\n"
            + "  mode: enforce\n"
            + "  max_age: 604800\n"
            + "  mx: mail.example.com\n"
            + "  mx: *.example.net\n"));
        Assert.That(run.Error, Is.Empty);
    }

    [Test]
    public async Task Run_InvalidFields_PrintsEachDiagnosticWithItsLineAndExitsOne()
    {
        ToolRun run = await ToolRun.RunAsync("policy", "lint", ToolRun.TestFile("invalid-fields.txt"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Invalid));
        Assert.That(run.Output, Does.StartWith("invalid policy (sender profile): 2 errors, 0 warnings\n"));
        Assert.That(run.Output, Does.Contain("  version: (missing or invalid)\n"));
        Assert.That(run.Output, Does.Contain("  mode: (missing or invalid)\n"));
        Assert.That(run.Output, Does.Contain("  max_age: 86400\n"));
        Assert.That(run.Output, Does.Contain("\nline 1: error policy-invalid-version: "));
        Assert.That(run.Output, Does.Contain("\nline 2: error policy-invalid-mode: "));
    }

    [Test]
    public async Task Run_BlankLineWithStrict_FlipsVerdictToInvalid()
    {
        string file = ToolRun.TestFile("blank-line.txt");

        ToolRun sender = await ToolRun.RunAsync("policy", "lint", file);
        ToolRun strict = await ToolRun.RunAsync("policy", "lint", file, "--strict");

        Assert.That(sender.ExitCode, Is.EqualTo(ExitCodes.Valid));
        Assert.That(sender.Output, Does.StartWith("valid policy (sender profile): 0 errors, 1 warning\n"));
        Assert.That(sender.Output, Does.Contain("line 3: warning policy-blank-line: "));
        Assert.That(strict.ExitCode, Is.EqualTo(ExitCodes.Invalid));
        Assert.That(strict.Output, Does.StartWith("invalid policy (strict profile): 1 error, 0 warnings\n"));
        Assert.That(strict.Output, Does.Contain("line 3: error policy-blank-line: "));
    }

    [Test]
    public async Task Run_ByteOrderMark_IsWarningForSenderAndErrorWithStrict()
    {
        string file = ToolRun.TestFile("byte-order-mark.txt");

        ToolRun sender = await ToolRun.RunAsync("policy", "lint", file);
        ToolRun strict = await ToolRun.RunAsync("policy", "lint", file, "--strict");

        Assert.That(sender.ExitCode, Is.EqualTo(ExitCodes.Valid));
        Assert.That(sender.Output, Does.Contain("line 1: warning policy-byte-order-mark: "));
        Assert.That(strict.ExitCode, Is.EqualTo(ExitCodes.Invalid));
        Assert.That(strict.Output, Does.Contain("line 1: error policy-byte-order-mark: "));
    }

    [Test]
    public async Task Run_InvalidUtf8_ReachesTheParserAsBytes()
    {
        ToolRun run = await ToolRun.RunAsync("policy", "lint", ToolRun.TestFile("invalid-utf8.txt"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Invalid));
        Assert.That(run.Output, Does.Contain("line 4: error policy-invalid-utf8: "));
    }

    [Test]
    public async Task Run_StandardInputDash_ReadsTheBytesOfStandardInput()
    {
        byte[] body = await File.ReadAllBytesAsync(ToolRun.TestFile("byte-order-mark.txt"));
        using var stdin = new MemoryStream(body);

        ToolRun run = await ToolRun.RunAsync(stdin, "policy", "lint", "-", "--strict");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Invalid));
        Assert.That(run.Output, Does.Contain("line 1: error policy-byte-order-mark: "));
        Assert.That(run.Output, Does.Contain("  mx: mail.example.com\n"));
    }

    [Test]
    public async Task Run_EndlessStandardInput_ReadsOnlyPastTheLimitAndReportsTooLarge()
    {
        using var stdin = new EndlessStream();

        ToolRun run = await ToolRun.RunAsync(stdin, "policy", "lint", "-");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Invalid));
        Assert.That(run.Output, Does.Contain("policy-too-large"));
        Assert.That(stdin.BytesRead, Is.LessThanOrEqualTo(2 * (MtaSts.Client.Policies.PolicyParser.MaxBodyLength + 1)));
    }

    /// <summary>An input that never ends, like /dev/zero; it counts what was taken from it.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'a', offset, count);
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Test]
    public async Task Run_MxHosts_ReportsWildcardMatchAndNonMatch()
    {
        ToolRun run = await ToolRun.RunAsync(
            "policy", "lint", ToolRun.TestFile("valid.txt"),
            "--mx", "mx1.example.net", "--mx", "mail.example.org");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Valid));
        Assert.That(run.Output, Does.EndWith(
            "mx host mx1.example.net: matches *.example.net\n"
            + "mx host mail.example.org: matches no pattern\n"));
    }

    [Test]
    public async Task Run_MxHostsOnInvalidPolicy_StillUsesItsUsablePatterns()
    {
        ToolRun run = await ToolRun.RunAsync(
            "policy", "lint", ToolRun.TestFile("invalid-fields.txt"), "--mx", "MAIL.example.com.");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Invalid));
        Assert.That(run.Output, Does.EndWith("mx host MAIL.example.com.: matches mail.example.com\n"));
    }

    [Test]
    public async Task Run_ClampedMaxAgeWithJson_PrintsEveryFieldWithItsType()
    {
        ToolRun run = await ToolRun.RunAsync(
            "policy", "lint", ToolRun.TestFile("clamped-max-age.txt"), "--json",
            "--mx", "mx1.example.net", "--mx", "a.b.example.net");
        JsonElement json = run.ParseJson();

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Valid));
        Assert.That(run.Error, Is.Empty);
        Assert.That(json.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
        {
            "valid", "profile", "version", "mode", "max_age", "mx", "extensions", "errors", "warnings", "mx_matches",
        }));
        Assert.That(json.GetProperty("valid").ValueKind, Is.EqualTo(JsonValueKind.True));
        Assert.That(json.GetProperty("profile").GetString(), Is.EqualTo("sender"));
        Assert.That(json.GetProperty("version").GetString(), Is.EqualTo("STSv1"));
        Assert.That(json.GetProperty("mode").GetString(), Is.EqualTo("enforce"));
        Assert.That(json.GetProperty("max_age").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(json.GetProperty("max_age").GetInt64(), Is.EqualTo(31557600));
        Assert.That(
            json.GetProperty("mx").EnumerateArray().Select(e => e.GetString()),
            Is.EqualTo(new[] { "mail.example.com", "*.example.net" }));

        JsonElement extension = json.GetProperty("extensions").EnumerateArray().Single();
        Assert.That(extension.GetProperty("name").GetString(), Is.EqualTo("signed-by"));
        Assert.That(extension.GetProperty("value").GetString(), Is.EqualTo("ops team"));

        Assert.That(json.GetProperty("errors").ValueKind, Is.EqualTo(JsonValueKind.Array));
        Assert.That(json.GetProperty("errors").GetArrayLength(), Is.Zero);
        JsonElement warning = json.GetProperty("warnings").EnumerateArray().Single();
        Assert.That(warning.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "line", "code", "message" }));
        Assert.That(warning.GetProperty("line").GetInt32(), Is.EqualTo(5));
        Assert.That(warning.GetProperty("code").GetString(), Is.EqualTo("policy-max-age-clamped"));
        Assert.That(warning.GetProperty("message").ValueKind, Is.EqualTo(JsonValueKind.String));

        JsonElement[] matches = json.GetProperty("mx_matches").EnumerateArray().ToArray();
        Assert.That(matches, Has.Length.EqualTo(2));
        Assert.That(
            matches[0].EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "host", "matches", "pattern" }));
        Assert.That(matches[0].GetProperty("host").GetString(), Is.EqualTo("mx1.example.net"));
        Assert.That(matches[0].GetProperty("matches").ValueKind, Is.EqualTo(JsonValueKind.True));
        Assert.That(matches[0].GetProperty("pattern").GetString(), Is.EqualTo("*.example.net"));
        Assert.That(matches[1].GetProperty("host").GetString(), Is.EqualTo("a.b.example.net"));
        Assert.That(matches[1].GetProperty("matches").ValueKind, Is.EqualTo(JsonValueKind.False));
        Assert.That(matches[1].GetProperty("pattern").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Run_InvalidFieldsWithJson_HasNullVersionAndModeAndLinedErrors()
    {
        ToolRun run = await ToolRun.RunAsync("policy", "lint", ToolRun.TestFile("invalid-fields.txt"), "--json");
        JsonElement json = run.ParseJson();

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Invalid));
        Assert.That(json.GetProperty("valid").ValueKind, Is.EqualTo(JsonValueKind.False));
        Assert.That(json.GetProperty("version").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(json.GetProperty("mode").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(json.GetProperty("max_age").GetInt32(), Is.EqualTo(86400));
        Assert.That(
            json.GetProperty("mx").EnumerateArray().Select(e => e.GetString()),
            Is.EqualTo(new[] { "mail.example.com" }));
        Assert.That(
            json.GetProperty("errors").EnumerateArray()
                .Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("code").GetString())),
            Is.EqualTo(new[] { (1, "policy-invalid-version"), (2, "policy-invalid-mode") }));
        Assert.That(json.GetProperty("warnings").GetArrayLength(), Is.Zero);
        Assert.That(json.GetProperty("mx_matches").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Run_MissingFieldsWithJson_HasNullMaxAgeAndErrorsWithoutLine()
    {
        using var stdin = new MemoryStream("mx: mail.example.com\n"u8.ToArray());

        ToolRun run = await ToolRun.RunAsync(stdin, "policy", "lint", "-", "--json");
        JsonElement json = run.ParseJson();

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Invalid));
        Assert.That(json.GetProperty("max_age").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(
            json.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").ValueKind),
            Is.All.EqualTo(JsonValueKind.Null));
        Assert.That(
            json.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()),
            Is.EquivalentTo(new[] { "policy-missing-version", "policy-missing-mode", "policy-missing-max-age" }));
    }

    [Test]
    public async Task Run_MissingFile_ExitsTwoWithOneLineOnStandardError()
    {
        string file = ToolRun.TestFile("no-such-policy.txt");

        ToolRun run = await ToolRun.RunAsync("policy", "lint", file);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Output, Is.Empty);
        Assert.That(run.Error, Is.EqualTo($"mtasts: cannot read '{file}': no such file.\n"));
    }

    [Test]
    public async Task Run_DirectoryInsteadOfFile_ExitsTwoWithOneLineOnStandardError()
    {
        string directory = Path.GetDirectoryName(ToolRun.TestFile("valid.txt"))!;

        ToolRun run = await ToolRun.RunAsync("policy", "lint", directory, "--json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Output, Is.Empty);
        Assert.That(run.Error.TrimEnd('\n'), Does.StartWith("mtasts: cannot read ").And.Not.Contain("\n"));
    }
}
