using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MtaSts.Testing;
using NUnit.Framework;
using static MtaSts.Cli.Tests.CheckServers;

namespace MtaSts.Cli.Tests;

/// <summary>Trust root files, bad usage, no DNS answer, and the check as a real process.</summary>
public sealed partial class CheckCommandTests
{
    // Base64 of text, not of a DER certificate.
    private const string NotADerCertificate =
        "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n";

    // Far below the 15 s of one silent DNS server with the default timeout and tries, and the 30 s
    // of the default deadline, so only a check that keeps to --timeout passes; loose enough for a
    // busy machine.
    private static readonly TimeSpan s_slowMachineAllowance = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Run_TrustRootFileWithSeveralCertificates_TrustsEachOfThem()
    {
        string bundle = await WriteTempFileAsync(
            TestPki.CreateUnknown().Root.ExportCertificatePem() + "\n"
            + await File.ReadAllTextAsync(_servers.RootFile));
        try
        {
            ToolRun run = await ToolRun.RunAsync(
                _servers.CheckArguments(more: ["--trust-root", bundle, "--json"]));

            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Checked), run.Error);
            Assert.That(run.ParseJson().GetProperty("policy").GetProperty("applied").GetBoolean(), Is.True);
        }
        finally
        {
            File.Delete(bundle);
        }
    }

    [Test]
    public async Task Run_TrustRootOfAnotherAuthority_IsWebPkiInvalidUntrusted()
    {
        string other = await WriteTempFileAsync(TestPki.CreateUnknown().Root.ExportCertificatePem());
        try
        {
            string[] args = _servers.CheckArguments(more: "--json");
            args[Array.IndexOf(args, _servers.RootFile)] = other;

            JsonElement json = (await ToolRun.RunAsync(args)).ParseJson();

            Assert.That(Failure(json).GetProperty("kind").GetString(), Is.EqualTo("webpki-invalid"));
            Assert.That(Failure(json).GetProperty("reason").GetString(), Is.EqualTo("untrusted"));
        }
        finally
        {
            File.Delete(other);
        }
    }

    [TestCase("[192.0.2.1]", "is an address literal; mail to an address literal has no MTA-STS policy")]
    [TestCase("192.0.2.1", "is an IP address")]
    [TestCase("2001:db8::1", "is an IP address")]
    [TestCase("bob@example.com", "is not a domain; give the part after the '@'")]
    [TestCase("exa mple.com", "is not a domain name that can publish an MTA-STS policy")]
    [TestCase("example..com", "is not a domain name that can publish an MTA-STS policy")]
    public async Task Run_NotADomain_ExitsTwoWithOneLine(string domain, string problem)
    {
        ToolRun run = await ToolRun.RunAsync("check", domain, "--no-probe");

        AssertUsage(run, $"'{domain}' {problem}");
        Assert.That(run.Error, Does.EndWith(" See 'mtasts check --help'.\n"));
    }

    [TestCase("--dns-server", "dns.example.com", "is not an IP address with an optional port")]
    [TestCase("--dns-server", "127.0.0.1:0", "is not an IP address with an optional port")]
    [TestCase("--dns-server", "127.0.0.1:65536", "is not an IP address with an optional port")]
    [TestCase("--dns-server", "::1]:53", "is not an IP address with an optional port")]
    [TestCase("--dns-server", "0.0.0.0", "is not the address of a server")]
    [TestCase("--timeout", "0", "is not a number of seconds above 0")]
    [TestCase("--timeout", "-1", "is not a number of seconds above 0")]
    [TestCase("--timeout", "soon", "is not a number of seconds above 0")]
    [TestCase("--timeout", "3601", "is not a number of seconds above 0 and at most 3600")]
    public async Task Run_BadOptionValue_ExitsTwoWithOneLine(string option, string value, string problem)
    {
        ToolRun run = await ToolRun.RunAsync("check", Domain, option, value, "--no-probe");

        AssertUsage(run, problem);
        Assert.That(run.Error, Does.Contain(value));
    }

    [Test]
    public async Task Run_MissingTrustRootFile_ExitsTwoBeforeAskingDns()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"mtasts-missing-{Guid.NewGuid():N}.pem");

        ToolRun run = await ToolRun.RunAsync(_servers.CheckArguments(more: ["--trust-root", missing]));

        AssertUsage(run, $"mtasts: cannot read '{missing}': no such file.");
        Assert.That(_servers.Dns.Queries, Is.Empty);
    }

    [TestCase("not a certificate\n", "holds no PEM certificate")]
    [TestCase(NotADerCertificate, "holds a PEM certificate that cannot be read: ")]
    public async Task Run_TrustRootFileWithoutCertificate_ExitsTwoWithOneLine(string content, string problem)
    {
        string file = await WriteTempFileAsync(content);
        try
        {
            ToolRun run = await ToolRun.RunAsync("check", Domain, "--trust-root", file, "--no-probe");

            AssertUsage(run, $"mtasts: '{file}' {problem}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task Run_NoDnsServerAnswers_ExitsThreeWithinTheDeadline()
    {
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)silent.Client.LocalEndPoint!).Port;
        string server = "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
        var elapsed = Stopwatch.StartNew();

        ToolRun run = await ToolRun.RunAsync(
            "check", Domain, "--dns-server", server, "--timeout", "1", "--json");

        Assert.That(elapsed.Elapsed, Is.LessThan(s_slowMachineAllowance));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.NoAnswer));
        Assert.That(run.Output, Is.Empty);
        Assert.That(run.Error, Does.StartWith("mtasts: no DNS server answered: "));
        Assert.That(run.Error, Does.Contain(RecordName));
        Assert.That(run.Error.TrimEnd('\n'), Does.Not.Contain("\n"));
    }

    [Test]
    public async Task Run_PolicyHostNeverAnswers_IsFetchErrorTimeoutWithinTheDeadline()
    {
        _servers.Host.Respond = context => Task.Delay(Timeout.Infinite, context.RequestAborted);
        var elapsed = Stopwatch.StartNew();

        ToolRun run = await ToolRun.RunAsync(_servers.CheckArguments(more: ["--timeout", "1", "--json"]));

        Assert.That(elapsed.Elapsed, Is.LessThan(s_slowMachineAllowance));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Checked), run.Error);
        JsonElement failure = Failure(run.ParseJson());
        Assert.That(failure.GetProperty("kind").GetString(), Is.EqualTo("fetch-error"));
        Assert.That(failure.GetProperty("reason").GetString(), Is.EqualTo("timeout"));
        Assert.That(_servers.Host.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Main_CheckAsRealProcess_PrintsTheJsonReportAndExitsZero()
    {
        ToolRun run = await ToolRun.RunProcessAsync(_servers.CheckArguments(more: "--json"));
        JsonElement json = run.ParseJson();

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Checked), run.Error);
        Assert.That(run.Error, Is.Empty);
        Assert.That(json.GetProperty("record").GetProperty("id").GetString(), Is.EqualTo(PolicyId));
        Assert.That(json.GetProperty("policy").GetProperty("applied").GetBoolean(), Is.True);
        Assert.That(json.GetProperty("policy").GetProperty("mode").GetString(), Is.EqualTo("enforce"));
        Assert.That(_servers.Host.Requests, Has.Count.EqualTo(1));
    }

    private static void AssertUsage(ToolRun run, string problem)
    {
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Output, Is.Empty);
        Assert.That(run.Error, Does.StartWith("mtasts: ").And.Contain(problem));
        Assert.That(run.Error.TrimEnd('\n'), Does.Not.Contain("\n"));
    }

    private static async Task<string> WriteTempFileAsync(string content)
    {
        string file = Path.Combine(Path.GetTempPath(), $"mtasts-test-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(file, content);
        return file;
    }
}
