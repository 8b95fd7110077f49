using System;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MtaSts.Client.Decision;
using MtaSts.Client.Policies;
using MtaSts.Testing;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Decision;

/// <summary>
/// Conformance cases 141-155: the MX host certificate under an <c>enforce</c> policy whose patterns
/// cover the host (RFC 8461 §4.2, RFC 6125 §6.4, DECISIONS 22). Case 156, the SNI, is a property of
/// the connection and is tested end to end with MailKit.
/// </summary>
[TestFixture]
public sealed class MxCertificateConformanceTests : MxCheckerFixture
{
    [Test]
    public void Case141_ExactSan_Delivers()
    {
        using PresentedCertificate certificate = Presented(MailHost);

        MxDecision decision = Check(EnforceDefault(), MailHost, certificate);

        AssertDecision(decision, MxVerdict.Deliver, ResultTypes.Success, null);
        Assert.That(decision.IsFailure, Is.False);
        Assert.That(decision.EnhancedStatusCode, Is.Null);
        Assert.That(decision.MatchedPattern?.Value, Is.EqualTo(MailHost));
    }

    [Test]
    public void Case142_WildcardSan_Delivers()
    {
        using PresentedCertificate certificate = Presented("*.example.com");

        AssertDecision(Check(EnforceDefault(), MailHost, certificate), MxVerdict.Deliver, ResultTypes.Success, null);
    }

    [Test]
    public void Case143_WildcardSanTwoLabelsAboveTheHost_IsHostMismatch()
    {
        using PresentedCertificate certificate = Presented("*.example.com");

        MxDecision decision = Check(Enforce("*.mail.example.com"), "a.mail.example.com", certificate);

        AssertDecision(decision, MxVerdict.Refuse, ResultTypes.CertificateHostMismatch, MxReasonCodes.NameMismatch);
        Assert.That(decision.EnhancedStatusCode, Is.EqualTo("4.7.5"));
    }

    [Test]
    public void Case144_WildcardSanAndApexHost_IsHostMismatch()
    {
        using PresentedCertificate certificate = Presented("*.example.com");

        MxDecision decision = Check(Enforce("example.com"), "example.com", certificate);

        AssertDecision(decision, MxVerdict.Refuse, ResultTypes.CertificateHostMismatch, MxReasonCodes.NameMismatch);
    }

    [Test]
    public void Case145_CommonNameOnly_IsHostMismatch()
    {
        using PresentedCertificate certificate = Presented(new LeafSpec { Subject = "CN=mail.example.com" });

        MxDecision decision = Check(EnforceDefault(), MailHost, certificate);

        AssertDecision(decision, MxVerdict.Refuse, ResultTypes.CertificateHostMismatch, MxReasonCodes.NameMismatch);
        Assert.That(decision.Reason, Does.Contain("DNS-IDs: none"));
    }

    [Test]
    public void Case146_CommonNameMatchesButSanDoesNot_IsHostMismatch()
    {
        using PresentedCertificate certificate = Presented(
            new LeafSpec { Subject = "CN=mail.example.com", DnsNames = ["other.example.com"] });

        MxDecision decision = Check(EnforceDefault(), MailHost, certificate);

        AssertDecision(decision, MxVerdict.Refuse, ResultTypes.CertificateHostMismatch, MxReasonCodes.NameMismatch);
        Assert.That(decision.Reason, Does.Contain("other.example.com"));
    }

    [Test]
    public void Case147_SanNamesOnlyThePolicyDomain_IsHostMismatch()
    {
        using PresentedCertificate certificate = Presented("example.com");

        AssertDecision(Check(EnforceDefault(), MailHost, certificate),
            MxVerdict.Refuse, ResultTypes.CertificateHostMismatch, MxReasonCodes.NameMismatch);
    }

    [Test]
    public void Case148_PartialLabelWildcard_IsHostMismatch()
    {
        using PresentedCertificate certificate = Presented("mail*.example.com");

        AssertDecision(Check(Enforce("*.example.com"), "mail1.example.com", certificate),
            MxVerdict.Refuse, ResultTypes.CertificateHostMismatch, MxReasonCodes.NameMismatch);
    }

    [Test]
    public void Case149_SanInUpperCase_Delivers()
    {
        using PresentedCertificate certificate = Presented("MAIL.EXAMPLE.COM");

        AssertDecision(Check(EnforceDefault(), MailHost, certificate), MxVerdict.Deliver, ResultTypes.Success, null);
    }

    [Test]
    public void Case150_IpAddressSanOnly_IsHostMismatch()
    {
        using PresentedCertificate certificate = Presented(new LeafSpec { IPAddresses = [IPAddress.Parse("198.51.100.5")] });

        AssertDecision(Check(EnforceDefault(), MailHost, certificate),
            MxVerdict.Refuse, ResultTypes.CertificateHostMismatch, MxReasonCodes.NameMismatch);
    }

    [Test]
    public void Case151_Expired_IsCertificateExpired()
    {
        DateTimeOffset now = Time.GetUtcNow();
        using PresentedCertificate certificate = Presented(
            new LeafSpec { DnsNames = [MailHost], NotBefore = now.AddDays(-30), NotAfter = now.AddSeconds(-1) });

        MxDecision decision = Check(EnforceDefault(), MailHost, certificate);

        AssertDecision(decision, MxVerdict.Refuse, ResultTypes.CertificateExpired, MxReasonCodes.Expired);
        Assert.That(decision.EnhancedStatusCode, Is.EqualTo("4.7.5"));
    }

    [Test]
    public void Case152_NotYetValid_IsNotTrustedWithItsReason()
    {
        DateTimeOffset now = Time.GetUtcNow();
        using PresentedCertificate certificate = Presented(
            new LeafSpec { DnsNames = [MailHost], NotBefore = now.AddDays(1), NotAfter = now.AddDays(30) });

        AssertDecision(Check(EnforceDefault(), MailHost, certificate),
            MxVerdict.Refuse, ResultTypes.CertificateNotTrusted, MxReasonCodes.NotYetValid);
    }

    [Test]
    public void Case153_SelfSigned_IsNotTrustedWithAReasonCode()
    {
        using var certificate = new PresentedCertificate(TestPki.SelfSigned(MailHost));

        AssertDecision(Check(EnforceDefault(), MailHost, certificate),
            MxVerdict.Refuse, ResultTypes.CertificateNotTrusted, MxReasonCodes.SelfSigned);
    }

    [Test]
    public void Case154_UnknownCa_IsNotTrusted()
    {
        using var certificate = new PresentedCertificate(TestPki.CreateUnknown().Leaf(MailHost));

        MxDecision decision = Check(EnforceDefault(), MailHost, certificate);

        Assert.That(decision.Verdict, Is.EqualTo(MxVerdict.Refuse));
        Assert.That(decision.ResultType, Is.EqualTo(ResultTypes.CertificateNotTrusted));
        Assert.That(decision.ReasonCode, Is.AnyOf(MxReasonCodes.UntrustedRoot, MxReasonCodes.PartialChain));
    }

    [Test]
    public void Case154_MissingIntermediate_IsNotTrustedAsAPartialChain()
    {
        using PresentedCertificate certificate = Presented(new LeafSpec { DnsNames = [MailHost], SendIntermediate = false });

        AssertDecision(Check(EnforceDefault(), MailHost, certificate),
            MxVerdict.Refuse, ResultTypes.CertificateNotTrusted, MxReasonCodes.PartialChain);
    }

    [Test]
    public void Case155_RevocationNotCheckedByDefault_Delivers()
    {
        using PresentedCertificate certificate = Presented(WithUnreachableCrl());

        AssertDecision(Check(EnforceDefault(), MailHost, certificate), MxVerdict.Deliver, ResultTypes.Success, null);
    }

    [Test]
    public void Case155_RevocationCheckedAndUnknowable_IsNotTrusted()
    {
        MxChecker checker = CreateChecker(new MxCertificateOptions { CheckRevocation = true });
        using PresentedCertificate certificate = Presented(WithUnreachableCrl());

        MxDecision decision = checker.CheckMxForPolicy(EnforceDefault(), MailHost, certificate.Leaf, certificate.Chain);

        Assert.That(decision.Verdict, Is.EqualTo(MxVerdict.Refuse), decision.ToString());
        Assert.That(decision.ResultType, Is.EqualTo(ResultTypes.CertificateNotTrusted));
        Assert.That(checker.ChainCache.Count, Is.Zero, "a revocation verdict is never remembered");
    }

    /// <summary>A leaf whose revocation list lives at a loopback port nothing listens on.</summary>
    private static LeafSpec WithUnreachableCrl() => new()
    {
        DnsNames = [MailHost],
        Extensions = [CertificateRevocationListBuilder.BuildCrlDistributionPointExtension(["http://127.0.0.1:9/crl"])],
    };
}
