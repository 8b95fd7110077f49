using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using MtaSts.Client.Reporting;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Reporting;

/// <summary>Reading reports, as a receiver does (RFC 8460 §4, Appendix B).</summary>
[TestFixture]
public sealed class TlsReportReaderTests
{
    private static byte[] Example => File.ReadAllBytes(ReportSchema.TestFile("rfc8460-appendix-b.json"));

    [Test]
    public void Read_AppendixBExample_GivesEveryField()
    {
        ReportSchema.AssertValid(Example);

        TlsReportReadResult result = TlsReportReader.Read(Example);

        Assert.That(result.IsValid, Is.True, string.Join("; ", result.Diagnostics));
        TlsReport report = result.Report!;
        Assert.That(report.OrganizationName, Is.EqualTo("Company-X"));
        Assert.That(report.StartDatetime, Is.EqualTo(new DateTimeOffset(2016, 4, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.That(report.EndDatetime, Is.EqualTo(new DateTimeOffset(2016, 4, 1, 23, 59, 59, TimeSpan.Zero)));
        PolicyResults policy = report.Policies.Single();
        Assert.That(policy.Policy.MxHosts, Is.EqualTo(new[] { "*.mail.company-y.example" }));
        Assert.That(policy.Policy.PolicyStrings, Has.Count.EqualTo(4));
        Assert.That(policy.SuccessfulSessionCount, Is.EqualTo(5326));
        Assert.That(policy.FailedSessionCount, Is.EqualTo(303));
        Assert.That(policy.FailureDetails.Select(d => d.FailedSessionCount), Is.EqualTo(new long[] { 100, 200, 3 }));
        Assert.That(policy.FailureDetails[0].Detail.SendingMtaIp, Is.EqualTo(IPAddress.Parse("2001:db8:abcd:12::1")));
        Assert.That(policy.FailureDetails[0].Detail.ReceivingIp, Is.Null);
        Assert.That(policy.FailureDetails[1].Detail.AdditionalInformation!.Fragment, Is.EqualTo("#StarttlsNotSupported"));
        Assert.That(policy.FailureDetails[2].Detail.FailureReasonCode, Is.EqualTo("X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED"));
    }

    [Test]
    public void Read_AppendixBExample_RoundTripsThroughTheWriter()
    {
        TlsReport first = TlsReportReader.Read(Example).Report!;

        byte[] written = TlsReportWriter.ToJson(first);
        TlsReportReadResult second = TlsReportReader.Read(written);

        ReportSchema.AssertValid(written);
        Assert.That(second.IsValid, Is.True);
        Assert.That(TlsReportWriter.ToJson(second.Report!), Is.EqualTo(written));
        using JsonDocument original = JsonDocument.Parse(Example);
        using JsonDocument rewritten = JsonDocument.Parse(written);

        // The only change is the RFC 5952 text form of the IPv6 addresses: 0012 is written 12.
        string expected = original.RootElement.ToString().Replace("abcd:0012", "abcd:12").Replace("abcd:0013", "abcd:13");
        using JsonDocument canonical = JsonDocument.Parse(expected);
        Assert.That(JsonElement.DeepEquals(canonical.RootElement, rewritten.RootElement), Is.True);
    }

    [Test]
    public void Read_MxHostAsAString_IsAcceptedAsTheRfcExampleWritesIt()
    {
        string json = Encoding.UTF8.GetString(Example)
            .Replace("\"mx-host\": [\"*.mail.company-y.example\"]", "\"mx-host\": \"*.mail.company-y.example\"");

        TlsReportReadResult result = TlsReportReader.Read(Encoding.UTF8.GetBytes(json));

        Assert.That(json, Does.Contain("\"mx-host\": \"*.mail"));
        Assert.That(result.Report!.Policies[0].Policy.MxHosts, Is.EqualTo(new[] { "*.mail.company-y.example" }));
    }

    [TestCase("\"organization-name\": \"Company-X\"", "\"organization-name\": \"\\uD800\"")]
    [TestCase("\"mx-host\": [\"*.mail.company-y.example\"]", "\"mx-host\": \"\\uDC00\"")]
    [TestCase("\"mx-host\": [\"*.mail.company-y.example\"]", "\"mx-host\": [\"\\uDC00x\"]")]
    public void Read_HalfASurrogatePair_IsInvalidNotAnException(string original, string hostile)
    {
        string json = Encoding.UTF8.GetString(Example).Replace(original, hostile);
        Assert.That(json, Does.Contain(hostile));

        TlsReportReadResult result = TlsReportReader.Read(Encoding.UTF8.GetBytes(json));

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Diagnostics.Select(d => d.Code), Does.Contain(TlsRptDiagnosticCodes.ReportInvalidField));
        Assert.That(result.Diagnostics.Select(d => d.Message), Has.Some.Contains("not valid Unicode"));
    }

    [TestCase("", TlsRptDiagnosticCodes.ReportInvalidJson)]
    [TestCase("[]", TlsRptDiagnosticCodes.ReportInvalidJson)]
    [TestCase("{}", TlsRptDiagnosticCodes.ReportMissingField)]
    [TestCase("{\"organization-name\":1}", TlsRptDiagnosticCodes.ReportInvalidField)]
    public void Read_NotAReport_IsInvalidWithItsCode(string json, string code)
    {
        TlsReportReadResult result = TlsReportReader.Read(Encoding.UTF8.GetBytes(json));

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Diagnostics.Select(d => d.Code), Does.Contain(code));
    }

    [TestCase("\"total-failure-session-count\": 303", "\"total-failure-session-count\": -1", "total-failure-session-count")]
    [TestCase("\"failed-session-count\": 3,", "\"failed-session-count\": 3.5,", "failed-session-count")]
    [TestCase("\"198.51.100.62\"", "\"1\"", "sending-mta-ip")]
    [TestCase("\"certificate-expired\"", "\"made-up\"", "result-type")]
    [TestCase("\"2016-04-01T00:00:00Z\"", "\"April 1st\"", "start-datetime")]
    [TestCase("\"sts\"", "\"dmarc\"", "policy-type")]
    public void Read_BadValue_NamesTheFieldAndLosesTheReport(string from, string to, string field)
    {
        string json = Encoding.UTF8.GetString(Example).Replace(from, to);

        TlsReportReadResult result = TlsReportReader.Read(Encoding.UTF8.GetBytes(json));

        Assert.That(json, Does.Contain(to));
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Diagnostics.Single().Message, Does.Contain(field));
    }

    [Test]
    public void ReadGzip_Bomb_StopsAtTheLimit()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(new byte[4 * 1024 * 1024]);
        }

        TlsReportReadResult result = TlsReportReader.ReadGzip(output.ToArray(), maxLength: 1024 * 1024);
        TlsReportReadResult garbage = TlsReportReader.ReadGzip(Encoding.ASCII.GetBytes("not gzip at all"));

        Assert.That(result.Diagnostics.Single().Code, Is.EqualTo(TlsRptDiagnosticCodes.ReportInvalidGzip));
        Assert.That(garbage.Diagnostics.Single().Code, Is.EqualTo(TlsRptDiagnosticCodes.ReportInvalidGzip));
    }

    [Test]
    public void Read_DeepNesting_IsInvalidJsonNotACrash()
    {
        string json = new string('[', 10000) + new string(']', 10000);

        TlsReportReadResult result = TlsReportReader.Read(Encoding.ASCII.GetBytes(json));

        Assert.That(result.Diagnostics.Single().Code, Is.EqualTo(TlsRptDiagnosticCodes.ReportInvalidJson));
    }
}
