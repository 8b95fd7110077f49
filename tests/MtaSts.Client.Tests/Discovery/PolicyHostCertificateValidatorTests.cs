using System;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using MtaSts.Testing;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Discovery;

/// <summary>
/// Which chain judges the Policy Host's certificate: the one the handshake built, with the chain
/// policy of <see cref="PolicyFetcher.CreateHandler"/>, on the system clock; a chain of its own on
/// an injected clock, or when the handler's chain policy was changed after it was made.
/// </summary>
[TestFixture]
public sealed class PolicyHostCertificateValidatorTests : PolicyHostTestBase
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    [Test]
    public void CreateHandler_ChainPolicy_TrustsOnlyTheTrustRootsOffline()
    {
        PolicyFetchOptions options = Options();

        using SocketsHttpHandler handler = PolicyFetcher.CreateHandler(Resolver, options);

        X509ChainPolicy policy = handler.SslOptions.CertificateChainPolicy!;
        Assert.That(policy.TrustMode, Is.EqualTo(X509ChainTrustMode.CustomRootTrust));
        Assert.That(policy.CustomTrustStore, Is.EqualTo(options.TrustRoots));
        Assert.That(policy.RevocationMode, Is.EqualTo(X509RevocationMode.NoCheck));
        Assert.That(policy.DisableCertificateDownloads, Is.True);
        Assert.That(policy.VerificationFlags, Is.EqualTo(X509VerificationFlags.NoFlag));
        Assert.That(policy.VerificationTimeIgnored, Is.True);
        Assert.That(policy.ApplicationPolicy, Has.Count.EqualTo(1));
        Assert.That(policy.ApplicationPolicy[0].Value, Is.EqualTo(ServerAuthentication));
    }

    [Test]
    public void CreateHandler_NoTrustRootsRevocationAndDownloads_ChainPolicyFollows()
    {
        var options = new PolicyFetchOptions { CheckRevocation = true, AllowCertificateDownloads = true };

        using SocketsHttpHandler handler = PolicyFetcher.CreateHandler(Resolver, options);

        X509ChainPolicy policy = handler.SslOptions.CertificateChainPolicy!;
        Assert.That(policy.TrustMode, Is.EqualTo(X509ChainTrustMode.System));
        Assert.That(policy.CustomTrustStore, Is.Empty);
        Assert.That(policy.RevocationMode, Is.EqualTo(X509RevocationMode.Online));
        Assert.That(policy.RevocationFlag, Is.EqualTo(X509RevocationFlag.ExcludeRoot));
        Assert.That(policy.DisableCertificateDownloads, Is.False);
    }

    [Test]
    public async Task FetchAsync_UnknownCaAddedToTheHandlersChainPolicy_IsStillUntrusted()
    {
        TestPki unknown = TestPki.CreateUnknown();
        Server.Certificate = unknown.Leaf(PolicyHost);

        PolicyFetchResult result = await FetchWithChainPolicyAsync(
            policy => policy.CustomTrustStore.Add(TestPki.PublicPart(unknown.Root)));

        AssertFailure(result, PolicyFetchOutcome.WebPkiInvalid, PolicyFetchFailureReason.Untrusted);
        Assert.That(Server.Requests, Is.Empty);
    }

    [Test]
    public async Task FetchAsync_UnknownAuthoritiesAllowedOnTheHandlersChainPolicy_IsStillUntrusted()
    {
        Server.Certificate = TestPki.SelfSigned(PolicyHost);

        PolicyFetchResult result = await FetchWithChainPolicyAsync(
            policy => policy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority);

        AssertFailure(result, PolicyFetchOutcome.WebPkiInvalid, PolicyFetchFailureReason.Untrusted);
        Assert.That(Server.Requests, Is.Empty);
    }

    [Test]
    public async Task FetchAsync_InjectedClockWithinValidity_IsFetchedWithTheSentIntermediate()
    {
        // Built here, not in the handshake: the intermediate must still come from what the server sent.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(10));

        PolicyFetchResult result = await FetchOnClockAsync(clock);

        AssertEnforcePolicy(result);
    }

    [Test]
    public async Task FetchAsync_InjectedClockBeforeTheCertificate_IsNotYetValid()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-10));

        PolicyFetchResult result = await FetchOnClockAsync(clock);

        AssertFailure(result, PolicyFetchOutcome.WebPkiInvalid, PolicyFetchFailureReason.NotYetValid);
    }

    private async Task<PolicyFetchResult> FetchWithChainPolicyAsync(Action<X509ChainPolicy> change)
    {
        PolicyFetchOptions options = Options();
        using SocketsHttpHandler handler = PolicyFetcher.CreateHandler(Resolver, options);
        change(handler.SslOptions.CertificateChainPolicy!);
        using var client = new HttpClient(handler);
        return await new PolicyFetcher(client, options).FetchAsync(PolicyDomain.Create("example.com"));
    }

    private async Task<PolicyFetchResult> FetchOnClockAsync(TimeProvider clock)
    {
        PolicyFetchOptions options = Options();
        using SocketsHttpHandler handler = PolicyFetcher.CreateHandler(Resolver, options, clock);
        using var client = new HttpClient(handler);
        return await new PolicyFetcher(client, options, clock).FetchAsync(PolicyDomain.Create("example.com"));
    }
}
