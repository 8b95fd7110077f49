using System.Net;
using System.Security.Cryptography.X509Certificates;
using MtaSts.Client.Policies;
using MtaSts.Client.Tests.Discovery;
using MtaSts.Testing;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Policies;

/// <summary>
/// DNS-ID matching (RFC 6125 §6.4 as RFC 8461 §3.3 and §4.2 narrow it): the names of conformance
/// cases 67-75 for the Policy Host and 141-150 for MX hosts, on certificates and on single DNS-IDs.
/// </summary>
[TestFixture]
public sealed class CertificateIdentityTests
{
    private static X509Certificate2 Certificate(params string[] dnsNames) =>
        TestPki.PublicPart(TestPki.Trusted.Leaf(dnsNames).Leaf);

    private static X509Certificate2 Certificate(LeafSpec spec) => TestPki.PublicPart(TestPki.Trusted.Leaf(spec).Leaf);

    [Test]
    public void Case067_ExactSan_Matches()
    {
        Assert.That(CertificateIdentity.Matches(Certificate("mta-sts.example.com"), "mta-sts.example.com"), Is.True);
    }

    [Test]
    public void Case068_WildcardSan_Matches()
    {
        Assert.That(CertificateIdentity.Matches(Certificate("*.example.com"), "mta-sts.example.com"), Is.True);
    }

    [Test]
    public void Case069_OtherNamesOnly_DoNotMatch()
    {
        X509Certificate2 certificate = Certificate("example.com", "www.example.com");

        Assert.That(CertificateIdentity.Matches(certificate, "mta-sts.example.com"), Is.False);
    }

    [Test]
    public void Case070_CommonNameOnly_DoesNotMatch()
    {
        X509Certificate2 certificate = Certificate(new LeafSpec { Subject = "CN=mta-sts.example.com" });

        Assert.That(certificate.GetNameInfo(X509NameType.SimpleName, false), Is.EqualTo("mta-sts.example.com"));
        Assert.That(CertificateIdentity.Matches(certificate, "mta-sts.example.com"), Is.False);
    }

    [Test]
    public void Case071_ProviderName_DoesNotMatchTheDelegatingDomain()
    {
        Assert.That(CertificateIdentity.Matches(Certificate("mta-sts.provider.example"), "mta-sts.example.com"), Is.False);
    }

    [TestCase("*.mta-sts.example.com")]
    [TestCase("mta*.example.com")]
    [TestCase("*mta-sts.example.com")]
    [TestCase("mta-sts.*.com")]
    [TestCase("*.*.com")]
    [TestCase("*")]
    public void Case072_WildcardTooDeepOrPartial_DoesNotMatch(string dnsId)
    {
        Assert.That(CertificateIdentity.Matches(Certificate(dnsId), "mta-sts.example.com"), Is.False);
        Assert.That(CertificateIdentity.MatchesDnsId(dnsId, "mta-sts.example.com"), Is.False);
    }

    [Test]
    public void Case075_UpperCaseSan_Matches()
    {
        X509Certificate2 certificate = Certificate("MTA-STS.EXAMPLE.COM");

        Assert.That(CertificateIdentity.Matches(certificate, "mta-sts.example.com"), Is.True);
    }

    [Test]
    public void Case141_ExactSan_Matches()
    {
        Assert.That(CertificateIdentity.Matches(Certificate("mail.example.com"), "mail.example.com"), Is.True);
    }

    [Test]
    public void Case142_WildcardSan_Matches()
    {
        Assert.That(CertificateIdentity.Matches(Certificate("*.example.com"), "mail.example.com"), Is.True);
    }

    [Test]
    public void Case143_WildcardSanHostTwoLabelsDeeper_DoesNotMatch()
    {
        Assert.That(CertificateIdentity.Matches(Certificate("*.example.com"), "a.mail.example.com"), Is.False);
    }

    [Test]
    public void Case144_WildcardSanApexHost_DoesNotMatch()
    {
        Assert.That(CertificateIdentity.Matches(Certificate("*.example.com"), "example.com"), Is.False);
    }

    [Test]
    public void Case145_CommonNameOnly_DoesNotMatch()
    {
        X509Certificate2 certificate = Certificate(new LeafSpec { Subject = "CN=mail.example.com" });

        Assert.That(CertificateIdentity.Matches(certificate, "mail.example.com"), Is.False);
    }

    [Test]
    public void Case146_CommonNameMatchesSanDoesNot_DoesNotMatch()
    {
        X509Certificate2 certificate = Certificate(
            new LeafSpec { Subject = "CN=mail.example.com", DnsNames = ["other.example.com"] });

        Assert.That(CertificateIdentity.Matches(certificate, "mail.example.com"), Is.False);
    }

    [Test]
    public void Case147_SanNamesOnlyThePolicyDomain_DoesNotMatch()
    {
        Assert.That(CertificateIdentity.Matches(Certificate("example.com"), "mail.example.com"), Is.False);
    }

    [Test]
    public void Case148_PartialLabelWildcard_DoesNotMatch()
    {
        Assert.That(CertificateIdentity.Matches(Certificate("mail*.example.com"), "mail1.example.com"), Is.False);
    }

    [Test]
    public void Case149_SanCase_Matches()
    {
        Assert.That(CertificateIdentity.Matches(Certificate("MAIL.EXAMPLE.COM"), "mail.example.com"), Is.True);
        Assert.That(CertificateIdentity.Matches(Certificate("mail.example.com"), "Mail.Example.COM"), Is.True);
    }

    [Test]
    public void Case150_IPAddressSanOnly_DoesNotMatch()
    {
        X509Certificate2 certificate = Certificate(
            new LeafSpec { Subject = "CN=mail.example.com", IPAddresses = [IPAddress.Parse("198.51.100.5")] });

        Assert.That(CertificateIdentity.Matches(certificate, "mail.example.com"), Is.False);
        Assert.That(CertificateIdentity.Matches(certificate, "198.51.100.5"), Is.False);
    }

    [Test]
    public void Matches_OneOfSeveralSans_Matches()
    {
        X509Certificate2 certificate = Certificate("www.example.com", "*.example.net", "mail.example.com");

        Assert.That(CertificateIdentity.Matches(certificate, "mail.example.com"), Is.True);
        Assert.That(CertificateIdentity.Matches(certificate, "mx.example.net"), Is.True);
        Assert.That(CertificateIdentity.Matches(certificate, "example.net"), Is.False);
    }

    [Test]
    public void Matches_TrailingDotOnHost_IsIgnored()
    {
        Assert.That(CertificateIdentity.Matches(Certificate("mail.example.com"), "mail.example.com."), Is.True);
        Assert.That(CertificateIdentity.Matches(Certificate("*.example.com"), "mail.example.com."), Is.True);
    }

    [Test]
    public void Matches_HostInULabels_IsComparedAsALabels()
    {
        X509Certificate2 certificate = Certificate("mta-sts.xn--bcher-kva.example");

        Assert.That(CertificateIdentity.Matches(certificate, "mta-sts.bücher.example"), Is.True);
    }

    [TestCase("mail.example.com", "mail.example.com", true)]
    [TestCase("MAIL.example.COM", "mail.EXAMPLE.com", true)]
    [TestCase("*.example.com", "mail.example.com", true)]
    [TestCase("*.EXAMPLE.COM", "mail.example.com", true)]
    [TestCase("*.example.com", "xn--bcher-kva.example.com", true)]
    [TestCase("*.example.com", "a.mail.example.com", false)]
    [TestCase("*.example.com", "example.com", false)]
    [TestCase("*.example.com", ".example.com", false)]
    [TestCase("*.com", "example.com", false)]
    [TestCase("mail.example.com", "mail.example.com.", true)]
    [TestCase("mail.example.com.", "mail.example.com", false)]
    [TestCase("mail.example.com", "mail.example.co", false)]
    [TestCase("ail.example.com", "mail.example.com", false)]
    [TestCase("", "mail.example.com", false)]
    [TestCase("mail.example.com", "", false)]
    [TestCase("mail.example.com", "mail..example.com", false)]
    [TestCase("mail.exämple.com", "mail.exämple.com", false)]
    [TestCase("1.2.3.4", "1.2.3.4", false)]
    [TestCase("*.2.3.4", "1.2.3.4", false)]
    public void MatchesDnsId_FollowsRfc6125(string dnsId, string host, bool expected)
    {
        Assert.That(CertificateIdentity.MatchesDnsId(dnsId, host), Is.EqualTo(expected));
    }

    [Test]
    public void Matches_NullArguments_Throw()
    {
        X509Certificate2 certificate = Certificate("mail.example.com");

        Assert.That(() => CertificateIdentity.Matches(null!, "mail.example.com"), Throws.ArgumentNullException);
        Assert.That(() => CertificateIdentity.Matches(certificate, null!), Throws.ArgumentNullException);
        Assert.That(() => CertificateIdentity.MatchesDnsId(null!, "mail.example.com"), Throws.ArgumentNullException);
        Assert.That(() => CertificateIdentity.MatchesDnsId("mail.example.com", null!), Throws.ArgumentNullException);
    }
}
