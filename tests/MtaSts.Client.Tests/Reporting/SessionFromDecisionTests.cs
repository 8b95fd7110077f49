using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MtaSts.Client.Decision;
using MtaSts.Client.Policies;
using MtaSts.Client.Reporting;
using MtaSts.Client.Resolution;
using MtaSts.Client.Tests.Decision;
using MtaSts.Testing;
using NUnit.Framework;
using static MtaSts.Client.Tests.Reporting.ReportFixtures;

namespace MtaSts.Client.Tests.Reporting;

/// <summary>
/// Conformance cases 210 and 211 on the MX side: what <see cref="MxChecker.CheckMx"/> decides is
/// recorded with its RFC 8460 result type and reason code, and the report holds it as the schema says.
/// </summary>
[TestFixture]
public sealed class SessionFromDecisionTests : MxCheckerFixture
{
    private static readonly IPAddress s_sender = IPAddress.Parse("192.0.2.10");
    private static readonly IPAddress s_mx = IPAddress.Parse("198.51.100.5");

    private static PolicyResolution EnforceResolution() => ResolutionOf(ExampleCom, ReportFixtures.Policy("P_ENF"), failure: null);

    private SessionResult Record(PolicyResolution resolution, string mxHost, PresentedCertificate? certificate) =>
        SessionResult.FromDecision(resolution,
            Checker.CheckMx(resolution, mxHost, certificate?.Leaf, certificate?.Chain),
            mxHost, s_sender, "mx.greeting.example", s_mx);

    [Test]
    public void Case210_NoStartTls_IsStartTlsNotSupported()
    {
        SessionResult session = Record(EnforceResolution(), MailHost, null);

        FailureDetail failure = session.Failures.Single();
        Assert.That(failure.ResultType, Is.EqualTo(ResultTypes.StartTlsNotSupported));
        Assert.That(failure.ReceivingMxHostname, Is.EqualTo(MailHost));
        Assert.That(failure.ReceivingMxHelo, Is.EqualTo("mx.greeting.example"));
        Assert.That(failure.ReceivingIp, Is.EqualTo(s_mx));
        Assert.That(failure.SendingMtaIp, Is.EqualTo(s_sender));
    }

    [Test]
    public void Case210_SanMismatch_IsCertificateHostMismatch()
    {
        using PresentedCertificate certificate = Presented("other.example.com");

        Assert.That(Record(EnforceResolution(), MailHost, certificate).ResultType,
            Is.EqualTo(ResultTypes.CertificateHostMismatch));
    }

    [Test]
    public void Case210_Expired_IsCertificateExpired()
    {
        DateTimeOffset now = Time.GetUtcNow();
        using PresentedCertificate certificate = Presented(
            new LeafSpec { DnsNames = [MailHost], NotBefore = now.AddDays(-9), NotAfter = now.AddDays(-1) });

        Assert.That(Record(EnforceResolution(), MailHost, certificate).ResultType, Is.EqualTo(ResultTypes.CertificateExpired));
    }

    [Test]
    public void Case210_SelfSigned_IsNotTrustedWithAReasonCode()
    {
        using var certificate = new PresentedCertificate(TestPki.SelfSigned(MailHost));

        FailureDetail failure = Record(EnforceResolution(), MailHost, certificate).Failures.Single();

        Assert.That(failure.ResultType, Is.EqualTo(ResultTypes.CertificateNotTrusted));
        Assert.That(failure.FailureReasonCode, Is.EqualTo(MxReasonCodes.SelfSigned));
    }

    [Test]
    public void Case210_MxNotInPolicy_IsValidationFailureWithAReasonCode()
    {
        FailureDetail failure = Record(EnforceResolution(), "mx.other.example", null).Failures.Single();

        Assert.That(failure.ResultType, Is.EqualTo(ResultTypes.ValidationFailure));
        Assert.That(failure.FailureReasonCode, Is.EqualTo(MxReasonCodes.MxNotInPolicy));
    }

    [Test]
    public void Case210_ValidCertificate_IsASuccess()
    {
        using PresentedCertificate certificate = Presented(MailHost);

        Assert.That(Record(EnforceResolution(), MailHost, certificate).IsSuccess, Is.True);
    }

    [Test]
    public void Case211_ModeNoneWithAnUnreachablePolicyHostAndNoStartTls_ReportsNoMtaStsFailure()
    {
        PolicyResolution resolution = ResolutionOf(ExampleCom, ReportFixtures.Policy("P_NONE"), Unreachable(ExampleCom));

        SessionResult session = Record(resolution, MailHost, null);

        Assert.That(session.IsSuccess, Is.True);
        Assert.That(session.Policy.PolicyType, Is.EqualTo(PolicyTypes.NoPolicyFound));
    }

    [Test]
    public void Case175_ReportDelivery_IsMarkedAndNeverCounted()
    {
        var recorder = new TlsReportRecorder(new MemoryTlsReportStore(), new FakeTimeProvider(T0));
        PolicyResolution resolution = EnforceResolution();
        MxDecision decision = Checker.CheckMx(resolution, MailHost, null, context: new MxCheckContext { IsReportDelivery = true });

        SessionResult session = SessionResult.FromDecision(resolution, decision, MailHost);

        Assert.That(session.IsReportDelivery, Is.True);
        Assert.That(recorder.Record(session), Is.EqualTo(SessionCountOutcome.Ignored));
    }

    [Test]
    public void FromDecision_DaneFailure_BelongsUnderTheTlsaPolicy()
    {
        PolicyResolution resolution = EnforceResolution();
        MxDecision decision = Checker.CheckMx(resolution, MailHost, null, context: new MxCheckContext { Dane = DaneOutcome.Failed });

        Assert.That(() => SessionResult.FromDecision(resolution, decision, MailHost), Throws.ArgumentException);
    }

    [Test]
    public void Case210_DecisionsOfADay_MakeAReportTheSchemaAccepts()
    {
        var store = new MemoryTlsReportStore();
        var recorder = new TlsReportRecorder(store, new FakeTimeProvider(T0.AddHours(5)));
        using PresentedCertificate valid = Presented(MailHost);
        using PresentedCertificate wrongName = Presented("other.example.com");
        PolicyResolution resolution = EnforceResolution();
        recorder.Record(Record(resolution, MailHost, valid));
        recorder.Record(Record(resolution, MailHost, valid));
        recorder.Record(Record(resolution, MailHost, wrongName));
        recorder.Record(Record(resolution, "mx.other.example", null));

        byte[] json = TlsReportWriter.ToJson(TlsReport.ForDay(Day1, "Sender Org", "tlsrpt@sender.example", store.Find(Day1)!));

        ReportSchema.AssertValid(json);
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement policy = document.RootElement.GetProperty("policies")[0];
        Assert.That(policy.GetProperty("summary").GetProperty("total-successful-session-count").GetInt64(), Is.EqualTo(2));
        Assert.That(policy.GetProperty("summary").GetProperty("total-failure-session-count").GetInt64(), Is.EqualTo(2));
        Assert.That(policy.GetProperty("failure-details").EnumerateArray()
                .Select(d => $"{d.GetProperty("result-type").GetString()} {d.GetProperty("failure-reason-code").GetString()}"),
            Is.EquivalentTo(new[] { "certificate-host-mismatch name-mismatch", "validation-failure mx-not-in-policy" }));
    }
}
