using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using MtaSts.Client.Policies;
using MtaSts.Client.Reporting;
using NUnit.Framework;
using static MtaSts.Cli.Tests.CheckServers;

namespace MtaSts.Cli.Tests;

/// <summary>
/// <c>mtasts check --report</c>: the RFC 8460 report the sessions of the check would produce, read
/// back with the library's reader, and the ways it cannot be written.
/// </summary>
public sealed partial class CheckCommandTests
{
    private async Task<(ToolRun Run, TlsReport Report, byte[] Json)> ReportAsync(bool noProbe, params string[] more)
    {
        string file = Path.Combine(Path.GetTempPath(), $"mtasts-report-{Guid.NewGuid():N}.json");
        try
        {
            ToolRun run = await ToolRun.RunAsync(
                _servers.CheckArguments(noProbe: noProbe, more: ["--report", file, .. more]));
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Checked), run.Error);
            Assert.That(run.Error, Is.Empty);

            byte[] json = await File.ReadAllBytesAsync(file);
            TlsReportReadResult read = TlsReportReader.Read(json);
            Assert.That(read.IsValid, Is.True, string.Join("; ", read.Diagnostics));
            return (run, read.Report!, json);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static void AssertToday(TlsReport report, string submitter)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, 0, 0, 0, TimeSpan.Zero);

        // A run across midnight counts on the day it began; the report is of that day either way.
        Assert.That(report.StartDatetime, Is.EqualTo(start).Or.EqualTo(start.AddDays(-1)));
        Assert.That(report.EndDatetime, Is.EqualTo(report.StartDatetime.AddDays(1).AddSeconds(-1)));
        string day = report.StartDatetime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        Assert.That(report.ReportId, Is.EqualTo($"{day}.{Domain}@{submitter}"));
    }

    [Test]
    public async Task Run_Report_CountsEachProbedSessionButNotTheUnreachableMx()
    {
        _servers.AddMx(10, "mail.example.com", _servers.Mx.Mail);
        _servers.AddMx(20, "backup.example.net", _servers.Mx.WrongName);
        _servers.AddMx(30, "down.example.net", MxServers.Silent);

        (ToolRun run, TlsReport report, byte[] json) = await ReportAsync(
            noProbe: false, "--report-org", "Example Sender", "--report-contact", "tlsrpt@sender.example.org");

        Assert.That(run.Output, Does.StartWith("domain:    example.com\n"), "the text report is still printed");
        Assert.That(report.OrganizationName, Is.EqualTo("Example Sender"));
        Assert.That(report.ContactInfo, Is.EqualTo("tlsrpt@sender.example.org"));
        AssertToday(report, "sender.example.org");

        PolicyResults results = report.Policies.Single();
        Assert.That(results.Policy.PolicyType, Is.EqualTo(PolicyTypes.Sts));
        Assert.That(results.Policy.PolicyDomain.Name, Is.EqualTo(Domain));
        Assert.That(results.Policy.PolicyStrings, Is.EqualTo(new[]
        {
            "version: STSv1", "mode: enforce", "mx: mail.example.com", "mx: *.example.net", "max_age: 604800",
        }));
        Assert.That(results.Policy.MxHosts, Is.EqualTo(new[] { "mail.example.com", "*.example.net" }));
        Assert.That(results.SuccessfulSessionCount, Is.EqualTo(1));
        Assert.That(results.FailedSessionCount, Is.EqualTo(1));

        FailureDetailCount failure = results.FailureDetails.Single();
        Assert.That(failure.FailedSessionCount, Is.EqualTo(1));
        Assert.That(failure.Detail.ResultType, Is.EqualTo(ResultTypes.CertificateHostMismatch));
        Assert.That(failure.Detail.FailureReasonCode, Is.EqualTo("name-mismatch"));
        Assert.That(failure.Detail.ReceivingMxHostname, Is.EqualTo("backup.example.net"));
        Assert.That(failure.Detail.ReceivingMxHelo, Is.EqualTo("mx-wrong-name.loopback.test"));
        Assert.That(
            failure.Detail.ReceivingIp, Is.EqualTo(IPAddress.Parse(MxServers.AddressOf(_servers.Mx.WrongName))));

        // What the file holds is what the library's writer makes of that report, byte for byte.
        Assert.That(json, Is.EqualTo(TlsReportWriter.ToJson(report)));
    }

    [Test]
    public async Task Run_ReportUnderTesting_CountsAFailureThatStillDelivers()
    {
        _servers.Host.Respond = Serve(200, "text/plain", TestingPolicy);
        _servers.AddMx(10, "mail.example.com", _servers.Mx.Expired);

        (_, TlsReport report, _) = await ReportAsync(noProbe: false);

        PolicyResults results = report.Policies.Single();
        Assert.That(results.SuccessfulSessionCount, Is.Zero);
        Assert.That(results.FailedSessionCount, Is.EqualTo(1));
        Assert.That(results.FailureDetails.Single().Detail.ResultType, Is.EqualTo(ResultTypes.CertificateExpired));
    }

    [Test]
    public async Task Run_ReportAfterFailedFetch_CountsTheFetchFailureInEachSession()
    {
        _servers.Host.Respond = Serve(404, "text/html", "<h1>Not Found</h1>");
        _servers.AddMx(10, "mail.example.com", _servers.Mx.Mail);
        _servers.AddMx(20, "plain.example.net", _servers.Mx.Plain);

        (_, TlsReport report, _) = await ReportAsync(noProbe: false);

        PolicyResults results = report.Policies.Single();
        Assert.That(results.Policy.PolicyType, Is.EqualTo(PolicyTypes.Sts));
        Assert.That(results.Policy.PolicyStrings, Is.Empty);
        Assert.That(results.SuccessfulSessionCount, Is.Zero);
        Assert.That(results.FailedSessionCount, Is.EqualTo(2));
        FailureDetailCount failure = results.FailureDetails.Single();
        Assert.That(failure.Detail.ResultType, Is.EqualTo(ResultTypes.StsPolicyFetchError));
        Assert.That(failure.Detail.FailureReasonCode, Is.EqualTo("status"));
        Assert.That(failure.FailedSessionCount, Is.EqualTo(2));
    }

    [Test]
    public async Task Run_ReportAfterFailedFetchWithoutProbe_ReportsTheFetchFailureOnce()
    {
        _servers.Host.Respond = Serve(404, "text/html", "<h1>Not Found</h1>");

        (_, TlsReport report, _) = await ReportAsync(noProbe: true);

        PolicyResults results = report.Policies.Single();
        Assert.That(results.FailedSessionCount, Is.EqualTo(1));
        Assert.That(results.FailureDetails.Single().Detail.ResultType, Is.EqualTo(ResultTypes.StsPolicyFetchError));
    }

    [Test]
    public async Task Run_ReportWithoutSessionsOrOptions_HasNoPoliciesAndTheDefaultSender()
    {
        (_, TlsReport report, _) = await ReportAsync(noProbe: true);

        Assert.That(report.Policies, Is.Empty);
        Assert.That(report.OrganizationName, Is.EqualTo("mtasts"));
        Assert.That(report.ContactInfo, Is.EqualTo("postmaster@mtasts.invalid"));
        AssertToday(report, "mtasts.invalid");
    }

    [Test]
    public async Task Run_ReportToStandardOutput_PrintsOnlyTheReport()
    {
        _servers.AddMx(10, "mail.example.com", _servers.Mx.Mail);

        ToolRun run = await ProbeAsync("--report", "-");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Checked), run.Error);
        Assert.That(run.Error, Is.Empty);
        TlsReportReadResult read = TlsReportReader.Read(Encoding.UTF8.GetBytes(run.Output));
        Assert.That(read.IsValid, Is.True, string.Join("; ", read.Diagnostics));
        Assert.That(read.Report!.Policies.Single().SuccessfulSessionCount, Is.EqualTo(1));
        Assert.That(run.Output, Is.EqualTo(Encoding.UTF8.GetString(TlsReportWriter.ToJson(read.Report)) + "\n"));
    }

    [Test]
    public async Task Run_ReportToStandardOutputWithJson_IsBadUsage()
    {
        ToolRun run = await CheckAsync("--report", "-", "--json");

        AssertUsage(run, "--report - cannot go with --json");
    }

    [Test]
    public async Task Run_ReportInMissingDirectory_ExitsTwoWithOneLineAndPrintsNothing()
    {
        string file = Path.Combine(Path.GetTempPath(), $"mtasts-missing-{Guid.NewGuid():N}", "report.json");

        ToolRun run = await CheckAsync("--report", file);

        AssertUsage(run, $"mtasts: cannot write the report to '{file}': no such directory.");
    }

    [Test]
    public async Task Run_ReportPathIsADirectory_ExitsTwoWithOneLine()
    {
        string directory = Path.GetTempPath();

        ToolRun run = await CheckAsync("--report", directory, "--json");

        AssertUsage(run, $"mtasts: cannot write the report to '{directory}': ");
    }

    [TestCase("nobody")]
    [TestCase("@example.com")]
    [TestCase("tls rpt@example.com")]
    [TestCase("tlsrpt@[192.0.2.1]")]
    [TestCase("tlsrpt@")]
    [TestCase("a@b@example.com")]
    [TestCase("Reports <tlsrpt@example.com>")]
    [TestCase(".tlsrpt@example.com")]
    public async Task Run_ReportContactNotAnAddress_IsBadUsage(string contact)
    {
        ToolRun run = await CheckAsync("--report", "-", "--report-contact", contact);

        AssertUsage(run, $"--report-contact '{contact}' is not an address local-part@domain.");
    }

    [Test]
    public async Task Run_ReportOrgEmpty_IsBadUsage()
    {
        ToolRun run = await CheckAsync("--report", "-", "--report-org", " ");

        AssertUsage(run, "--report-org is empty");
    }
}
