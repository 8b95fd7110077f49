using System;
using MtaSts.Client.Decision;
using MtaSts.Client.Policies;
using MtaSts.Testing;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Decision;

/// <summary>
/// Conformance cases 157-176 as far as one MX decision reaches (RFC 8461 §4, §5, §8.4, §2; RFC
/// 8689; RFC 8460 §3): the order pattern, STARTTLS, certificate, and what each mode makes of a
/// failure. Walking the MX list and the re-check before a bounce are tested where they live.
/// </summary>
[TestFixture]
public sealed class PolicyApplicationConformanceTests : MxCheckerFixture
{
    private static MtaStsPolicy TestingDefault() => Policy("testing", MailHost, "*.example.net");

    private PresentedCertificate Expired()
    {
        DateTimeOffset now = Time.GetUtcNow();
        return Presented(new LeafSpec { DnsNames = [MailHost], NotBefore = now.AddDays(-30), NotAfter = now.AddSeconds(-1) });
    }

    [Test]
    public void Case157_EnforceAllGood_Delivers()
    {
        using PresentedCertificate certificate = Presented(MailHost);

        MxDecision decision = Checker.CheckMx(Resolved(EnforceDefault()), MailHost, certificate.Leaf, certificate.Chain);

        AssertDecision(decision, MxVerdict.Deliver, ResultTypes.Success, null);
        Assert.That(decision.Mode, Is.EqualTo(PolicyMode.Enforce));
        Assert.That(decision.MayDeliver, Is.True);
    }

    [Test]
    public void Case158_EnforceNoStartTls_RefusesWithStartTlsNotSupported()
    {
        MxDecision decision = Check(EnforceDefault(), MailHost, null);

        AssertDecision(decision, MxVerdict.Refuse, ResultTypes.StartTlsNotSupported, MxReasonCodes.StartTlsNotOffered);
        Assert.That(decision.EnhancedStatusCode, Is.EqualTo("4.7.4"));
        Assert.That(decision.MayDeliver, Is.False);
    }

    [Test]
    public void Case159_EnforceHandshakeFailure_RefusesAsValidationFailure()
    {
        MxDecision decision = Check(EnforceDefault(), MailHost, null, new MxCheckContext { HandshakeFailed = true });

        AssertDecision(decision, MxVerdict.Refuse, ResultTypes.ValidationFailure, MxReasonCodes.HandshakeFailed);
        Assert.That(decision.EnhancedStatusCode, Is.EqualTo("4.7.5"));
    }

    [Test]
    public void Case160_EnforceMxNotInPolicy_RefusesAsValidationFailure()
    {
        using PresentedCertificate certificate = Presented("mx.other.example");

        MxDecision decision = Check(EnforceDefault(), "mx.other.example", certificate);

        AssertDecision(decision, MxVerdict.Refuse, ResultTypes.ValidationFailure, MxReasonCodes.MxNotInPolicy);
        Assert.That(decision.Reason, Does.Contain("mail.example.com, *.example.net"));
        Assert.That(decision.MatchedPattern, Is.Null);
    }

    [Test]
    public void Case160_PatternIsCheckedBeforeStartTls()
    {
        MxDecision decision = Check(EnforceDefault(), "mx.other.example", null);

        Assert.That(decision.ReasonCode, Is.EqualTo(MxReasonCodes.MxNotInPolicy));
    }

    [Test]
    public void Case161_RefusedPrimaryThenValidBackup_OnlyTheBackupIsUsable()
    {
        using PresentedCertificate primary = Presented("old.example.org");
        using PresentedCertificate backup = Presented(MailHost);

        MxDecision first = Check(EnforceDefault(), "old.example.org", primary);
        MxDecision second = Check(EnforceDefault(), MailHost, backup);

        Assert.That(first.Verdict, Is.EqualTo(MxVerdict.Refuse));
        Assert.That(second.Verdict, Is.EqualTo(MxVerdict.Deliver));
    }

    [Test]
    public void Case162_EveryMxRefused_EachRefusalIsTemporary()
    {
        using PresentedCertificate wrongName = Presented("other.example.com");
        MxDecision[] decisions =
        [
            Check(EnforceDefault(), MailHost, null),
            Check(EnforceDefault(), "mx.example.net", wrongName),
            Check(EnforceDefault(), "backup.example.com", null),
        ];

        foreach (MxDecision decision in decisions)
        {
            Assert.That(decision.Verdict, Is.EqualTo(MxVerdict.Refuse), decision.ToString());
            Assert.That(decision.EnhancedStatusCode, Does.StartWith("4."), "a refusal defers, it never bounces");
        }
    }

    [Test]
    public void Case165_TestingCertificateExpired_DeliversAndReports()
    {
        using PresentedCertificate certificate = Expired();

        MxDecision decision = Check(TestingDefault(), MailHost, certificate);

        AssertDecision(decision, MxVerdict.DeliverAndReport, ResultTypes.CertificateExpired, MxReasonCodes.Expired);
        Assert.That(decision.IsFailure, Is.True);
        Assert.That(decision.MayDeliver, Is.True);
    }

    [Test]
    public void Case166_TestingNoStartTls_DeliversAndReports()
    {
        AssertDecision(Check(TestingDefault(), MailHost, null),
            MxVerdict.DeliverAndReport, ResultTypes.StartTlsNotSupported, MxReasonCodes.StartTlsNotOffered);
    }

    [Test]
    public void Case167_TestingMxNotInPolicy_DeliversAndReports()
    {
        using PresentedCertificate certificate = Presented("mx.other.example");

        AssertDecision(Check(TestingDefault(), "mx.other.example", certificate),
            MxVerdict.DeliverAndReport, ResultTypes.ValidationFailure, MxReasonCodes.MxNotInPolicy);
    }

    [Test]
    public void Case168_ModeNoneWithoutStartTls_NoPolicyAndNoFailure()
    {
        MtaStsPolicy none = MtaStsPolicy.Parse("version: STSv1\r\nmode: none\r\nmax_age: 86400\r\n"u8);

        MxDecision decision = Checker.CheckMx(Resolved(none), MailHost, null);

        AssertDecision(decision, MxVerdict.NoPolicy, ResultTypes.Success, null);
        Assert.That(decision.IsFailure, Is.False);
        Assert.That(decision.Mode, Is.Null);
    }

    [Test]
    public void Case169_NoPolicy_NoPolicyWhateverTheCertificate()
    {
        using var selfSigned = new PresentedCertificate(TestPki.SelfSigned(MailHost));

        MxDecision decision = Check(null, MailHost, selfSigned);

        AssertDecision(decision, MxVerdict.NoPolicy, ResultTypes.Success, null);
        Assert.That(decision.MayDeliver, Is.True);
    }

    [Test]
    public void Case170_DaneFailsWhileMtaStsPasses_Refuses()
    {
        using PresentedCertificate certificate = Presented(MailHost);

        MxDecision decision = Check(EnforceDefault(), MailHost, certificate, new MxCheckContext { Dane = DaneOutcome.Failed });

        AssertDecision(decision, MxVerdict.Refuse, ResultTypes.TlsaInvalid, MxReasonCodes.DaneFailed);
    }

    [TestCase("testing")]
    [TestCase("none")]
    public void Case171_DaneFailsUnderTestingOrNone_StillRefuses(string mode)
    {
        MtaStsPolicy policy = mode == "none"
            ? MtaStsPolicy.Parse("version: STSv1\nmode: none\nmax_age: 86400\n"u8)
            : TestingDefault();
        using PresentedCertificate certificate = Presented(MailHost);

        MxDecision decision = Check(policy, MailHost, certificate, new MxCheckContext { Dane = DaneOutcome.Failed });

        Assert.That(decision.Verdict, Is.EqualTo(MxVerdict.Refuse));
    }

    [Test]
    public void Case171_DaneFailsWithoutAnyPolicy_StillRefuses()
    {
        using PresentedCertificate certificate = Presented(MailHost);

        Assert.That(Check(null, MailHost, certificate, new MxCheckContext { Dane = DaneOutcome.Failed }).Verdict,
            Is.EqualTo(MxVerdict.Refuse));
    }

    [Test]
    public void Case172_DanePassesForASelfSignedCertificateOnAListedMx_Delivers()
    {
        using var selfSigned = new PresentedCertificate(TestPki.SelfSigned(MailHost));

        MxDecision decision = Check(EnforceDefault(), MailHost, selfSigned, new MxCheckContext { Dane = DaneOutcome.Passed });

        AssertDecision(decision, MxVerdict.Deliver, ResultTypes.Success, null);
    }

    [Test]
    public void Case172_DanePassesOnAnMxNotInThePolicy_StillRefuses()
    {
        using var selfSigned = new PresentedCertificate(TestPki.SelfSigned("mx.other.example"));

        MxDecision decision = Check(EnforceDefault(), "mx.other.example", selfSigned,
            new MxCheckContext { Dane = DaneOutcome.Passed });

        AssertDecision(decision, MxVerdict.Refuse, ResultTypes.ValidationFailure, MxReasonCodes.MxNotInPolicy);
    }

    [Test]
    public void Case173_TlsRequiredNo_TurnsAnEnforceRefusalIntoDeliverAndReport()
    {
        using PresentedCertificate certificate = Expired();

        MxDecision decision = Check(EnforceDefault(), MailHost, certificate, new MxCheckContext { TlsRequiredNo = true });

        AssertDecision(decision, MxVerdict.DeliverAndReport, ResultTypes.CertificateExpired, MxReasonCodes.Expired);
    }

    [Test]
    public void Case174_RequireTlsBeatsTheHeader_Refuses()
    {
        using PresentedCertificate certificate = Expired();

        MxDecision decision = Check(EnforceDefault(), MailHost, certificate,
            new MxCheckContext { TlsRequiredNo = true, RequireTls = true });

        AssertDecision(decision, MxVerdict.Refuse, ResultTypes.CertificateExpired, MxReasonCodes.Expired);
    }

    [Test]
    public void Case175_ReportMail_IsDeliveredDespiteAFailureAndMarkedUncounted()
    {
        using PresentedCertificate certificate = Expired();

        MxDecision decision = Check(EnforceDefault(), MailHost, certificate, new MxCheckContext { IsReportDelivery = true });

        AssertDecision(decision, MxVerdict.DeliverAndReport, ResultTypes.CertificateExpired, MxReasonCodes.Expired);
        Assert.That(decision.IsReportDelivery, Is.True);
    }

    [Test]
    public void Case176_SmartHost_TheRelayPolicyApplies()
    {
        MtaStsPolicy relayPolicy = Enforce("relay.example.org");
        MtaStsPolicy recipientPolicy = EnforceDefault();
        using PresentedCertificate certificate = Presented("relay.example.org");

        MxDecision viaRelay = Checker.CheckMx(
            Resolved(relayPolicy, "relay.example.org"), "relay.example.org", certificate.Leaf, certificate.Chain);
        MxDecision wrongDomain = Check(recipientPolicy, "relay.example.org", certificate);

        Assert.That(viaRelay.Verdict, Is.EqualTo(MxVerdict.Deliver));
        Assert.That(wrongDomain.Verdict, Is.EqualTo(MxVerdict.Refuse), "the recipient's policy would not list the relay");
    }
}
