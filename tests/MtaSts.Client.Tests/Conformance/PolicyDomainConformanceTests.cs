using MtaSts.Client.Policies;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Conformance;

/// <summary>
/// Conformance cases 40-44 (section A): which Policy Domain a delivery looks up, RFC 8461 §3.4, and
/// the names derived from it (§3.1 record name, §3.2 Policy Host and URL).
/// </summary>
[TestFixture]
public sealed class PolicyDomainConformanceTests
{
    private static PolicyDomain FromAddress(string address)
    {
        Assert.That(PolicyDomain.TryFromAddress(address, out PolicyDomain? domain), Is.True, address);
        return domain!;
    }

    [Test]
    public void Case040_SubdomainRecipient_LooksUpOnlyItsOwnName()
    {
        PolicyDomain domain = FromAddress("user@mail.example.com");

        Assert.That(domain.Name, Is.EqualTo("mail.example.com"));
        Assert.That(domain.RecordName, Is.EqualTo("_mta-sts.mail.example.com"));
        Assert.That(domain.PolicyHost, Is.EqualTo("mta-sts.mail.example.com"));
        Assert.That(domain, Is.Not.EqualTo(PolicyDomain.Create("example.com")));
    }

    [Test]
    public void Case041_SmartHost_ItsDomainIsThePolicyDomain()
    {
        // The relay, not the recipient domain, is the next hop: the caller names the relay's domain.
        PolicyDomain domain = PolicyDomain.Create("relay.example.org");

        Assert.That(domain.RecordName, Is.EqualTo("_mta-sts.relay.example.org"));
        Assert.That(domain.PolicyHost, Is.EqualTo("mta-sts.relay.example.org"));
        Assert.That(
            domain.PolicyUri.AbsoluteUri,
            Is.EqualTo("https://mta-sts.relay.example.org/.well-known/mta-sts.txt"));
    }

    [TestCase("user@[192.0.2.1]")]
    [TestCase("user@[IPv6:2001:db8::1]")]
    public void Case042_AddressLiteral_HasNoPolicyDomain(string address)
    {
        Assert.That(PolicyDomain.TryFromAddress(address, out PolicyDomain? domain), Is.False);
        Assert.That(domain, Is.Null);
    }

    [TestCase("[192.0.2.1]")]
    [TestCase("192.0.2.1")]
    public void Case042_AddressLiteral_CannotBeCreated(string literal)
    {
        Assert.That(PolicyDomain.TryCreate(literal, out PolicyDomain? domain), Is.False);
        Assert.That(domain, Is.Null);
        Assert.That(() => PolicyDomain.Create(literal), Throws.ArgumentException);
    }

    [Test]
    public void Case043_IdnDomain_UsesALabels()
    {
        PolicyDomain domain = FromAddress("user@b\u00FCcher.example");

        Assert.That(domain.Name, Is.EqualTo("xn--bcher-kva.example"));
        Assert.That(domain.RecordName, Is.EqualTo("_mta-sts.xn--bcher-kva.example"));
        Assert.That(
            domain.PolicyUri.AbsoluteUri,
            Is.EqualTo("https://mta-sts.xn--bcher-kva.example/.well-known/mta-sts.txt"));
    }

    [TestCase("user@Example.COM", "user@example.com.")]
    [TestCase("user@EXAMPLE.COM.", "user@example.com")]
    [TestCase("user@B\u00DCCHER.example.", "user@xn--bcher-kva.EXAMPLE")]
    public void Case044_CaseAndTrailingDot_NormaliseToOneKey(string first, string second)
    {
        PolicyDomain a = FromAddress(first);
        PolicyDomain b = FromAddress(second);

        Assert.That(a.Name, Is.EqualTo(b.Name));
        Assert.That(a.RecordName, Is.EqualTo(b.RecordName));
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
        Assert.That(a.Name, Does.Not.EndWith(".").And.EqualTo(a.Name.ToLowerInvariant()));
    }

    [Test]
    public void Case044_ExampleCom_RecordNameIsExact()
    {
        Assert.That(FromAddress("user@Example.COM").RecordName, Is.EqualTo("_mta-sts.example.com"));
        Assert.That(FromAddress("user@example.com.").RecordName, Is.EqualTo("_mta-sts.example.com"));
    }
}
