using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using MtaSts.Client.Reporting;
using NUnit.Framework;
using static MtaSts.Client.Tests.Reporting.ReportFixtures;

namespace MtaSts.Client.Tests.Reporting;

/// <summary>The report document (RFC 8460 §4; section H cases 208-214; decisions 27-30).</summary>
[TestFixture]
public sealed class TlsReportWriterTests
{
    private static TlsReport DayReport(MemoryTlsReportStore store, TlsReportKey key) =>
        TlsReport.ForDay(key, "Sender Org", "tlsrpt@sender.example", store.Find(key)!);

    private static JsonElement Write(TlsReport report)
    {
        byte[] json = TlsReportWriter.ToJson(report);
        ReportSchema.AssertValid(json);
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    [Test]
    public void Case208_ReportDocument_IsTheExpectedJson()
    {
        var store = new MemoryTlsReportStore();
        for (int i = 0; i < 5; i++)
        {
            store.Add(Day1, SessionResult.Success(StsTest));
        }

        store.Add(Day1, SessionResult.Failure(StsTest, ExpiredAtMail()));
        store.Add(Day1, SessionResult.Failure(StsTest, ExpiredAtMail()));

        JsonElement json = Write(DayReport(store, Day1));

        const string Expected = """
            {
              "organization-name": "Sender Org",
              "date-range": { "start-datetime": "2024-05-01T00:00:00Z", "end-datetime": "2024-05-01T23:59:59Z" },
              "contact-info": "tlsrpt@sender.example",
              "report-id": "20240501.example.com@sender.example",
              "policies": [{
                "policy": {
                  "policy-type": "sts",
                  "policy-string": [
                    "version: STSv1", "mode: testing", "mx: mail.example.com", "mx: *.example.net", "max_age: 604800"
                  ],
                  "policy-domain": "example.com",
                  "mx-host": ["mail.example.com", "*.example.net"]
                },
                "summary": { "total-successful-session-count": 5, "total-failure-session-count": 2 },
                "failure-details": [{
                  "result-type": "certificate-expired",
                  "sending-mta-ip": "192.0.2.10",
                  "receiving-mx-hostname": "mail.example.com",
                  "receiving-ip": "198.51.100.5",
                  "failed-session-count": 2
                }]
              }]
            }
            """;
        using JsonDocument expected = JsonDocument.Parse(Expected);
        Assert.That(JsonElement.DeepEquals(json, expected.RootElement), Is.True, json.ToString());
        Assert.That(json.GetProperty("policies")[0].GetProperty("summary")
            .GetProperty("total-failure-session-count").ValueKind, Is.EqualTo(JsonValueKind.Number));
    }

    [Test]
    public void Case209_NoPolicyFound_HasEmptyArraysAndTheDomain()
    {
        var key = new TlsReportKey(Day1.Day, PolicyDomain.Create("example.org"));
        ReportPolicy none = ReportPolicy.NoPolicyFound(key.PolicyDomain);
        var store = new MemoryTlsReportStore();
        for (int i = 0; i < 3; i++)
        {
            store.Add(key, SessionResult.Success(none));
        }

        store.Add(key, SessionResult.Failure(none, new FailureDetail(ResultTypes.StartTlsNotSupported,
            receivingMxHostname: "mx.example.org")));

        JsonElement policies = Write(DayReport(store, key)).GetProperty("policies");

        JsonElement entry = policies.EnumerateArray().Single();
        JsonElement policy = entry.GetProperty("policy");
        Assert.That(policy.GetProperty("policy-type").GetString(), Is.EqualTo("no-policy-found"));
        Assert.That(policy.GetProperty("policy-domain").GetString(), Is.EqualTo("example.org"));
        Assert.That(policy.GetProperty("policy-string").GetArrayLength(), Is.Zero);
        Assert.That(policy.GetProperty("mx-host").GetArrayLength(), Is.Zero);
        Assert.That(entry.GetProperty("summary").GetProperty("total-successful-session-count").GetInt64(), Is.EqualTo(3));
        Assert.That(entry.GetProperty("summary").GetProperty("total-failure-session-count").GetInt64(), Is.EqualTo(1));
        Assert.That(entry.GetProperty("failure-details")[0].GetProperty("result-type").GetString(),
            Is.EqualTo("starttls-not-supported"));
    }

    [Test]
    public void Case210_AllElevenResultTypes_AreRepresentableAndWritten()
    {
        var store = new MemoryTlsReportStore();
        foreach (string resultType in ResultTypes.Failures)
        {
            store.Add(Day1, SessionResult.Failure(StsTest, new FailureDetail(resultType, failureReasonCode: "x")));
        }

        JsonElement details = Write(DayReport(store, Day1)).GetProperty("policies")[0].GetProperty("failure-details");

        Assert.That(details.EnumerateArray().Select(d => d.GetProperty("result-type").GetString()), Is.EquivalentTo(new[]
        {
            "starttls-not-supported", "certificate-host-mismatch", "certificate-expired", "tlsa-invalid",
            "dnssec-invalid", "dane-required", "certificate-not-trusted", "sts-policy-invalid",
            "sts-webpki-invalid", "validation-failure", "sts-policy-fetch-error",
        }));
        Assert.Throws<ArgumentException>(() => _ = new FailureDetail("certificate-bogus"));
        Assert.Throws<ArgumentException>(() => _ = new FailureDetail(ResultTypes.Success));
    }

    [TestCase(PolicyFetchFailureReason.Status, "sts-policy-fetch-error", "status")]
    [TestCase(PolicyFetchFailureReason.NameMismatch, "sts-webpki-invalid", "name-mismatch")]
    [TestCase(PolicyFetchFailureReason.Parse, "sts-policy-invalid", "parse")]
    public void Case210_FetchFailure_MapsToItsResultTypeAndReasonCode(
        PolicyFetchFailureReason reason,
        string resultType,
        string code)
    {
        PolicyFetchResult fetch = PolicyFetchResult.OutcomeOf(reason) == PolicyFetchOutcome.PolicyInvalid
            ? PolicyFetchResult.PolicyInvalid(ExampleCom, reason, "bad", null)
            : PolicyFetchResult.Failed(ExampleCom, reason, "bad");

        FailureDetail detail = FailureDetail.FromFetch(fetch, IPAddress.Parse("192.0.2.10"));

        Assert.That(detail.ResultType, Is.EqualTo(resultType));
        Assert.That(detail.FailureReasonCode, Is.EqualTo(code));
        Assert.That(detail.SendingMtaIp, Is.EqualTo(IPAddress.Parse("192.0.2.10")));
    }

    [Test]
    public void Case211_ModeNone_ReportsNoMtaStsFailure()
    {
        var resolution = ResolutionOf(ExampleCom, Policy("P_NONE"), Unreachable(ExampleCom));

        SessionResult session = SessionResult.FromResolution(resolution,
            new FailureDetail(ResultTypes.StsPolicyFetchError));

        Assert.That(session.Policy.PolicyType, Is.EqualTo(PolicyTypes.NoPolicyFound));
        Assert.That(session.IsSuccess, Is.True);
        Assert.Throws<ArgumentException>(() => SessionResult.Failure(
            ReportPolicy.NoPolicyFound(ExampleCom), new FailureDetail(ResultTypes.StsPolicyInvalid)));
    }

    [Test]
    public void FromResolution_FetchFailedUnderACachedTestingPolicy_CountsTheFetchError()
    {
        var resolution = ResolutionOf(ExampleCom, Policy("P_TEST"), Unreachable(ExampleCom));

        SessionResult session = SessionResult.FromResolution(resolution);

        Assert.That(session.Policy, Is.EqualTo(StsTest));
        Assert.That(session.Failures.Single().ResultType, Is.EqualTo(ResultTypes.StsPolicyFetchError));
        Assert.That(session.Failures.Single().FailureReasonCode, Is.EqualTo("connect"));
    }

    [Test]
    public void FromResolution_FetchFailedWithNothingCached_IsAnStsPolicyWithNoLines()
    {
        var resolution = ResolutionOf(ExampleCom, null, Unreachable(ExampleCom));
        var noRecord = ResolutionOf(ExampleCom, null, null, recordFound: false);

        ReportPolicy policy = SessionResult.FromResolution(resolution).Policy;

        Assert.That(policy.PolicyType, Is.EqualTo(PolicyTypes.Sts));
        Assert.That(policy.PolicyStrings, Is.Empty);
        Assert.That(SessionResult.FromResolution(noRecord).Policy, Is.EqualTo(ReportPolicy.NoPolicyFound(ExampleCom)));
    }

    [Test]
    public void Case212_IdenticalFailures_AreOneEntryAndOneSessionMayCountTwice()
    {
        var store = new MemoryTlsReportStore();
        for (int i = 0; i < 3; i++)
        {
            store.Add(Day1, SessionResult.Failure(StsTest, ExpiredAtMail()));
        }

        var mismatch = new FailureDetail(ResultTypes.CertificateHostMismatch, receivingMxHostname: "mail.example.com");
        store.Add(Day1, SessionResult.Failure(StsTest, ExpiredAtMail(), mismatch));

        PolicyResults results = store.Find(Day1)!.Single();

        Assert.That(results.FailedSessionCount, Is.EqualTo(4));
        Assert.That(results.FailureDetails.Single(d => d.Detail.Equals(ExpiredAtMail())).FailedSessionCount, Is.EqualTo(4));
        Assert.That(results.FailureDetails.Single(d => d.Detail.Equals(mismatch)).FailedSessionCount, Is.EqualTo(1));
        ReportSchema.AssertValid(TlsReportWriter.ToJson(DayReport(store, Day1)));
    }

    [Test]
    public void Case213_IdnPolicyDomain_IsWrittenInALabels()
    {
        PolicyDomain domain = PolicyDomain.Create("bücher.example");
        var key = new TlsReportKey(Day1.Day, domain);
        var store = new MemoryTlsReportStore();
        store.Add(key, SessionResult.Success(ReportPolicy.NoPolicyFound(domain)));

        TlsReport report = DayReport(store, key);
        JsonElement json = Write(report);

        Assert.That(json.GetProperty("policies")[0].GetProperty("policy").GetProperty("policy-domain").GetString(),
            Is.EqualTo("xn--bcher-kva.example"));
        Assert.That(json.GetProperty("report-id").GetString(), Is.EqualTo("20240501.xn--bcher-kva.example@sender.example"));
        Assert.That(TlsReportPayload.Create(report, domain).FileName, Does.Contain("!xn--bcher-kva.example!"));
    }

    [Test]
    public void Case214_FileName_FollowsTheConvention()
    {
        Assert.That(TlsReportFileName.Create("sender.example", ExampleCom, Day1.Start, Day1.End),
            Is.EqualTo("sender.example!example.com!1714521600!1714607999.json.gz"));
        Assert.That(TlsReportFileName.Create("sender.example", ExampleCom, Day1.Start, Day1.End, compressed: false),
            Is.EqualTo("sender.example!example.com!1714521600!1714607999.json"));
        Assert.That(TlsReportFileName.Create("Sender.Example.", ExampleCom, Day1.Start, Day1.End, uniqueId: "001"),
            Is.EqualTo("sender.example!example.com!1714521600!1714607999!001.json.gz"));
        Assert.Throws<ArgumentException>(() =>
            TlsReportFileName.Create("sender.example", ExampleCom, Day1.Start, Day1.End, uniqueId: "0-1"));
    }

    [Test]
    public void Payload_Gzip_ExpandsToTheReportAndCarriesTheSubject()
    {
        var store = new MemoryTlsReportStore();
        store.Add(Day1, SessionResult.Success(StsTest));
        TlsReport report = DayReport(store, Day1);

        TlsReportPayload payload = TlsReportPayload.Create(report, ExampleCom);
        TlsReportReadResult read = TlsReportReader.ReadGzip(payload.Gzip.Span);

        Assert.That(payload.Gzip.Span[0], Is.EqualTo(0x1f));
        Assert.That(payload.Gzip.Span[1], Is.EqualTo(0x8b));
        Assert.That(read.IsValid, Is.True);
        Assert.That(TlsReportWriter.ToJson(read.Report!), Is.EqualTo(TlsReportWriter.ToJson(report)));
        Assert.That(payload.Subject, Is.EqualTo(
            "Report Domain: example.com Submitter: sender.example Report-ID: <20240501.example.com@sender.example>"));
    }

    [Test]
    public void Write_PolicyStringLines_CarryNoLineEndings()
    {
        ReportPolicy policy = StsTest;

        Assert.That(policy.PolicyStrings.Any(line => line.Contains('\r') || line.Contains('\n')), Is.False);
        Assert.That(ReportSchema.IsValid(Encoding.UTF8.GetString(TlsReportWriter.ToJson(new TlsReport(
            "o", Day1.Start, Day1.End, "a@b.example", "x@y", [new PolicyResults(policy, 1, 0, [])])))), Is.True);
    }

    [TestCase("a@b@sender.example")]
    [TestCase("Reports <tlsrpt@sender.example>")]
    [TestCase("tlsrpt@[192.0.2.1]")]
    [TestCase("tlsrpt@bücher.example")]
    public void ForDay_ContactInfoNotAPlainAddress_IsRefused(string contact)
    {
        Assert.That(() => TlsReport.ForDay(Day1, "Sender Org", contact, []), Throws.ArgumentException);
    }

    [Test]
    public void ForDay_ContactInfo_GivesTheSubmitterOfTheReportId()
    {
        TlsReport report = TlsReport.ForDay(Day1, "Sender Org", "tlsrpt@Sender.Example", []);

        Assert.That(report.ReportId, Is.EqualTo("20240501.example.com@sender.example"));
    }
}
