using System;
using MtaSts.Client.Decision;
using MtaSts.Client.Policies;
using MtaSts.Testing;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Decision;

/// <summary>The checker's arguments, options, the project decisions 22-27 it applies, and its chain cache.</summary>
[TestFixture]
public sealed class MxCheckerTests : MxCheckerFixture
{
    [Test]
    public void CheckMx_NullHost_Throws()
    {
        Assert.That(() => Checker.CheckMxForPolicy(EnforceDefault(), null!, null), Throws.ArgumentNullException);
        Assert.That(() => Checker.CheckMx(null!, MailHost, null), Throws.ArgumentNullException);
    }

    [Test]
    public void Options_NegativeCacheCapacity_IsRejectedNamingTheProperty()
    {
        var options = new MxCertificateOptions { ChainCacheCapacity = -1 };

        Assert.That(() => new MxChecker(options), Throws.ArgumentException.With.Message.Contains("ChainCacheCapacity"));
    }

    [Test]
    public void Options_ChangedAfterwards_DoNotReachTheChecker()
    {
        var options = new MxCertificateOptions();
        options.TrustRoots.Add(TestPki.PublicPart(TestPki.Trusted.Root));
        var checker = new MxChecker(options, Time);
        options.TrustRoots.Clear();
        using PresentedCertificate certificate = Presented(MailHost);

        MxDecision decision = checker.CheckMxForPolicy(EnforceDefault(), MailHost, certificate.Leaf, certificate.Chain);

        Assert.That(decision.Verdict, Is.EqualTo(MxVerdict.Deliver));
    }

    [Test]
    public void Decision22_PlatformTrustByDefault_DoesNotTrustTheTestPki()
    {
        var checker = new MxChecker(timeProvider: Time);
        using PresentedCertificate certificate = Presented(MailHost);

        MxDecision decision = checker.CheckMxForPolicy(EnforceDefault(), MailHost, certificate.Leaf, certificate.Chain);

        Assert.That(decision.ResultType, Is.EqualTo(ResultTypes.CertificateNotTrusted));
    }

    [Test]
    public void Decision22_TrailingDotAndCaseOfTheHost_DoNotMatter()
    {
        using PresentedCertificate certificate = Presented(MailHost);

        Assert.That(Check(EnforceDefault(), "MAIL.Example.com.", certificate).Verdict, Is.EqualTo(MxVerdict.Deliver));
    }

    [Test]
    public void Decision23_MxOutsideThePolicy_IsValidationFailureWithItsReasonCode()
    {
        MxDecision decision = Check(EnforceDefault(), "mx.attacker.example", null);

        Assert.That(decision.ResultType, Is.EqualTo(ResultTypes.ValidationFailure));
        Assert.That(decision.ReasonCode, Is.EqualTo("mx-not-in-policy"));
    }

    [Test]
    public void Decision24_ImplicitMx_IsMatchedLikeAnyMx()
    {
        using PresentedCertificate certificate = Presented("example.com");

        Assert.That(Check(EnforceDefault(), "example.com", certificate).ReasonCode, Is.EqualTo(MxReasonCodes.MxNotInPolicy));
        Assert.That(Check(Enforce("example.com"), "example.com", certificate).Verdict, Is.EqualTo(MxVerdict.Deliver));
    }

    [Test]
    public void Decision25_TlsRequiredNo_DoesNotChangeASuccess()
    {
        using PresentedCertificate certificate = Presented(MailHost);

        MxDecision decision = Check(EnforceDefault(), MailHost, certificate, new MxCheckContext { TlsRequiredNo = true });

        AssertDecision(decision, MxVerdict.Deliver, ResultTypes.Success, null);
    }

    [Test]
    public void Decision26_DanePassed_StandsInForPkixButNotForTheStartTlsCheck()
    {
        MxDecision decision = Check(EnforceDefault(), MailHost, null, new MxCheckContext { Dane = DaneOutcome.Passed });

        Assert.That(decision.ResultType, Is.EqualTo(ResultTypes.StartTlsNotSupported));
    }

    [Test]
    public void Decision27_ModeNone_ReportsNoFailureEvenForAnMxOutsideAnyPattern()
    {
        MtaStsPolicy none = MtaStsPolicy.Parse("version: STSv1\nmode: none\nmax_age: 86400\n"u8);

        MxDecision decision = Check(none, "mx.attacker.example", null);

        AssertDecision(decision, MxVerdict.NoPolicy, ResultTypes.Success, null);
    }

    [Test]
    public void ChainCache_TrustedCertificateIsRememberedUntilTheChainExpires()
    {
        DateTimeOffset now = Time.GetUtcNow();
        using PresentedCertificate certificate = Presented(
            new LeafSpec { DnsNames = [MailHost], NotBefore = now.AddDays(-1), NotAfter = now.AddHours(1) });
        Assert.That(Check(EnforceDefault(), MailHost, certificate).Verdict, Is.EqualTo(MxVerdict.Deliver));
        Assert.That(Checker.ChainCache.Count, Is.EqualTo(1));

        Time.Advance(TimeSpan.FromHours(2));

        Assert.That(Check(EnforceDefault(), MailHost, certificate).ResultType, Is.EqualTo(ResultTypes.CertificateExpired));
    }

    [Test]
    public void ChainCache_SameCertificateInANewObjectWithoutItsIntermediate_IsKnownTrusted()
    {
        ServerCertificate server = TestPki.Trusted.Leaf(MailHost);
        using var first = new PresentedCertificate(server);
        Assert.That(Check(EnforceDefault(), MailHost, first).Verdict, Is.EqualTo(MxVerdict.Deliver));
        using var again = TestPki.PublicPart(server.Leaf);

        MxDecision decision = Checker.CheckMxForPolicy(EnforceDefault(), MailHost, again);

        Assert.That(decision.Verdict, Is.EqualTo(MxVerdict.Deliver), "the chain was proven once and holds until it expires");
    }

    [Test]
    public void ChainCache_NamesAreStillCheckedForARememberedCertificate()
    {
        using PresentedCertificate certificate = Presented(MailHost);
        Assert.That(Check(Enforce("*.example.com"), MailHost, certificate).Verdict, Is.EqualTo(MxVerdict.Deliver));

        MxDecision decision = Check(Enforce("*.example.com"), "backup.example.com", certificate);

        Assert.That(decision.ResultType, Is.EqualTo(ResultTypes.CertificateHostMismatch));
    }

    [Test]
    public void ChainCache_FailuresAreNotRemembered()
    {
        using var selfSigned = new PresentedCertificate(TestPki.SelfSigned(MailHost));

        Check(EnforceDefault(), MailHost, selfSigned);

        Assert.That(Checker.ChainCache.Count, Is.Zero);
    }

    [Test]
    public void ChainCache_Full_StaysWithinItsCapacity()
    {
        MxChecker checker = CreateChecker(new MxCertificateOptions { ChainCacheCapacity = 2 });
        for (int i = 0; i < 5; i++)
        {
            using PresentedCertificate certificate = Presented(MailHost);
            checker.CheckMxForPolicy(EnforceDefault(), MailHost, certificate.Leaf, certificate.Chain);
            Assert.That(checker.ChainCache.Count, Is.InRange(1, 2));
        }
    }

    [Test]
    public void ChainCache_CapacityZero_RemembersNothing()
    {
        MxChecker checker = CreateChecker(new MxCertificateOptions { ChainCacheCapacity = 0 });
        using PresentedCertificate certificate = Presented(MailHost);

        checker.CheckMxForPolicy(EnforceDefault(), MailHost, certificate.Leaf, certificate.Chain);

        Assert.That(checker.ChainCache.Count, Is.Zero);
    }

    [Test]
    public void Extension_CheckMxOnAResolution_UsesTheDefaultChecker()
    {
        using PresentedCertificate certificate = Presented(MailHost);

        MxDecision decision = Resolved(EnforceDefault()).CheckMx(MailHost, certificate.Leaf, certificate.Chain);

        Assert.That(decision.ResultType, Is.EqualTo(ResultTypes.CertificateNotTrusted), "the platform does not trust the test PKI");
    }

    [Test]
    public void DefaultDecision_IsNoPolicyAndSuccess()
    {
        MxDecision decision = default;

        AssertDecision(decision, MxVerdict.NoPolicy, ResultTypes.Success, null);
        Assert.That(decision.IsFailure, Is.False);
        Assert.That(decision.Reason, Is.Not.Empty);
    }
}
