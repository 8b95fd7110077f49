using System;
using System.Threading.Tasks;
using MtaSts.Client.Discovery;
using MtaSts.Testing;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Discovery;

/// <summary>
/// Cases 67-75: the Policy Host's certificate (RFC 8461 §3.3, §8.2; RFC 6125 §6.4). Each case puts a
/// certificate on the test server and fetches through the full TLS handshake.
/// </summary>
public sealed partial class PolicyFetchConformanceTests
{
    private async Task<PolicyFetchResult> FetchPresentingAsync(ServerCertificate certificate)
    {
        Server.Certificate = certificate;
        return await FetchAsync();
    }

    private async Task AssertRejectedAsync(ServerCertificate certificate, PolicyFetchFailureReason reason)
    {
        PolicyFetchResult result = await FetchPresentingAsync(certificate);

        AssertFailure(result, PolicyFetchOutcome.WebPkiInvalid, reason);
        Assert.That(result.StatusCode, Is.Null);
        Assert.That(Server.Requests, Is.Empty, "no request is sent over a rejected connection");
    }

    [Test]
    public async Task Case067_ExactSan_IsAccepted()
    {
        AssertEnforcePolicy(await FetchPresentingAsync(TestPki.Trusted.Leaf("mta-sts.example.com")));
    }

    [Test]
    public async Task Case068_WildcardSan_IsAccepted()
    {
        AssertEnforcePolicy(await FetchPresentingAsync(TestPki.Trusted.Leaf("*.example.com")));
    }

    [Test]
    public async Task Case069_WrongNames_IsWebPkiInvalidName()
    {
        ServerCertificate otherNames = TestPki.Trusted.Leaf("example.com", "www.example.com");

        await AssertRejectedAsync(otherNames, PolicyFetchFailureReason.NameMismatch);
    }

    [Test]
    public async Task Case070_CommonNameOnly_IsWebPkiInvalidName()
    {
        var cnOnly = new LeafSpec { Subject = "CN=mta-sts.example.com" };

        await AssertRejectedAsync(TestPki.Trusted.Leaf(cnOnly), PolicyFetchFailureReason.NameMismatch);
    }

    [Test]
    public async Task Case071_ProviderCertificateForDelegatedHost_IsWebPkiInvalidName()
    {
        await AssertRejectedAsync(TestPki.Trusted.Leaf(ProviderHost), PolicyFetchFailureReason.NameMismatch);
    }

    [TestCase("*.mta-sts.example.com")]
    [TestCase("mta*.example.com")]
    [TestCase("*mta-sts.example.com")]
    [TestCase("mta-sts.*.com")]
    public async Task Case072_WildcardTooDeepOrPartial_IsWebPkiInvalidName(string dnsName)
    {
        await AssertRejectedAsync(TestPki.Trusted.Leaf(dnsName), PolicyFetchFailureReason.NameMismatch);
    }

    [Test]
    public async Task Case073_ExpiredCertificate_IsWebPkiInvalidExpired()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var expired = new LeafSpec { DnsNames = [PolicyHost], NotBefore = now.AddDays(-30), NotAfter = now.AddDays(-1) };

        await AssertRejectedAsync(TestPki.Trusted.Leaf(expired), PolicyFetchFailureReason.Expired);
    }

    [Test]
    public async Task Case073_NotYetValidCertificate_IsWebPkiInvalidNotYetValid()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var early = new LeafSpec { DnsNames = [PolicyHost], NotBefore = now.AddDays(1), NotAfter = now.AddDays(30) };

        await AssertRejectedAsync(TestPki.Trusted.Leaf(early), PolicyFetchFailureReason.NotYetValid);
    }

    [Test]
    public async Task Case074_SelfSigned_IsWebPkiInvalidUntrusted()
    {
        await AssertRejectedAsync(TestPki.SelfSigned(PolicyHost), PolicyFetchFailureReason.Untrusted);
    }

    [Test]
    public async Task Case074_UnknownCa_IsWebPkiInvalidUntrusted()
    {
        await AssertRejectedAsync(TestPki.CreateUnknown().Leaf(PolicyHost), PolicyFetchFailureReason.Untrusted);
    }

    [Test]
    public async Task Case074_IntermediateNotSent_IsWebPkiInvalidUntrusted()
    {
        var leafOnly = new LeafSpec { DnsNames = [PolicyHost], SendIntermediate = false };

        await AssertRejectedAsync(TestPki.Trusted.Leaf(leafOnly), PolicyFetchFailureReason.Untrusted);
    }

    [Test]
    public async Task Case074_TestRootNotInThePlatformStore_IsWebPkiInvalidUntrusted()
    {
        PolicyFetchOptions options = Options();
        options.TrustRoots.Clear();

        PolicyFetchResult result = await FetchAsync(options);

        AssertFailure(result, PolicyFetchOutcome.WebPkiInvalid, PolicyFetchFailureReason.Untrusted);
    }

    [Test]
    public async Task Case075_UpperCaseSan_IsAccepted()
    {
        AssertEnforcePolicy(await FetchPresentingAsync(TestPki.Trusted.Leaf("MTA-STS.EXAMPLE.COM")));
    }
}
