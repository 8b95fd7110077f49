using System.Threading.Tasks;
using NUnit.Framework;

namespace MtaSts.Cli.Tests;

[TestFixture]
public sealed class MtaStsCommandTests
{
    [TestCase("policy", "lint", "valid.txt", "--bogus")]
    [TestCase("record", "lint", "v=STSv1; id=abc123;", "--verbose")]
    [TestCase("check", "example.com", "--probe")]
    public async Task RunAsync_UnknownOption_ExitsTwoWithOneLineOnStandardError(params string[] args)
    {
        ToolRun run = await ToolRun.RunAsync(args);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Output, Is.Empty);
        Assert.That(run.Error, Does.StartWith("mtasts: Unrecognized command or argument '--"));
        Assert.That(run.Error.TrimEnd('\n'), Does.Not.Contain("\n"));
    }

    [TestCase(new[] { "policy", "lint" }, "mtasts policy lint --help")]
    [TestCase(new[] { "record", "lint" }, "mtasts record lint --help")]
    [TestCase(new[] { "policy", "lint", "valid.txt", "--mx" }, "mtasts policy lint --help")]
    [TestCase(new[] { "record" }, "mtasts record --help")]
    [TestCase(new[] { "check" }, "mtasts check --help")]
    [TestCase(new[] { "check", "example.com", "--dns-server" }, "mtasts check --help")]
    [TestCase(new string[0], "mtasts --help")]
    public async Task RunAsync_MissingArgument_ExitsTwoAndPointsAtHelp(string[] args, string help)
    {
        ToolRun run = await ToolRun.RunAsync(args);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Output, Is.Empty);
        Assert.That(run.Error, Does.StartWith("mtasts: ").And.EndWith($" See '{help}'.\n"));
        Assert.That(run.Error.TrimEnd('\n'), Does.Not.Contain("\n"));
    }

    [Test]
    public async Task RunAsync_Help_PrintsUsageAndExitsZero()
    {
        ToolRun run = await ToolRun.RunAsync("policy", "lint", "--help");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Valid));
        Assert.That(run.Output, Does.Contain("mtasts policy lint <file> [options]"));
        Assert.That(run.Output, Does.Contain("--mx <host>"));
        Assert.That(run.Error, Is.Empty);
    }

    [Test]
    public async Task RunAsync_CheckHelp_ListsTheOptionsButNotThePolicyPort()
    {
        ToolRun run = await ToolRun.RunAsync("check", "--help");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Valid));
        Assert.That(run.Output, Does.Contain("mtasts check <domain> [options]"));
        Assert.That(run.Output, Does.Contain("--dns-server <addr[:port]>").And.Contain("--trust-root <file.pem>"));
        Assert.That(run.Output, Does.Contain("--allow-private-addresses").And.Contain("--timeout <seconds>"));
        Assert.That(run.Output, Does.Contain("--no-probe").And.Contain("--json"));
        Assert.That(run.Output, Does.Not.Contain("--policy-port"));
    }
}
