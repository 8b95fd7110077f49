using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ARSoft.Tools.Net.Dns;
using MtaSts.Client.Discovery;
using MtaSts.Testing;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Discovery;

/// <summary>
/// <see cref="MtaStsDnsClient.ResolveMxAsync"/> against a real DNS server on 127.0.0.1: the MX
/// order of RFC 5321 §5.1, the implicit MX (DECISIONS 24), the null MX of RFC 7505 and failures.
/// </summary>
[TestFixture]
public sealed class MxLookupLoopbackTests
{
    private LoopbackDnsServer _server = null!;

    [OneTimeSetUp]
    public void StartServer() => _server = LoopbackDnsServer.Start();

    [OneTimeTearDown]
    public void StopServer() => _server.Dispose();

    [SetUp]
    public void ResetZone() => _server.Reset();

    private Task<MxLookupResult> LookUpAsync(string domain)
    {
        var options = new MtaStsDnsOptions { Timeout = TimeSpan.FromSeconds(2), Retries = 0, MaximumCacheTime = TimeSpan.Zero };
        options.Servers.Add(_server.EndPoint);
        return new MtaStsDnsClient(options).ResolveMxAsync(domain, CancellationToken.None);
    }

    [Test]
    public async Task ResolveMx_SeveralHosts_AscendingPreferenceWithoutTheRootDot()
    {
        _server.AddMx("example.com", 20, "backup.example.com");
        _server.AddMx("example.com", 10, "mail.example.com");
        _server.AddMx("example.com", 30, "last.example.com");

        MxLookupResult result = await LookUpAsync("example.com");

        Assert.That(result.Outcome, Is.EqualTo(MxLookupOutcome.Found), result.Reason);
        Assert.That(result.Hosts.Select(host => $"{host.Preference} {host.Host}"),
            Is.EqualTo(new[] { "10 mail.example.com", "20 backup.example.com", "30 last.example.com" }));
        Assert.That(result.Hosts.Any(host => host.IsImplicit), Is.False);
        Assert.That(_server.Queries, Is.EqualTo(new[] { "example.com MX" }));
    }

    [Test]
    public async Task ResolveMx_EqualPreferences_KeepTheirPlaceAmongTheOthers()
    {
        _server.AddMx("example.com", 10, "a.example.com");
        _server.AddMx("example.com", 10, "b.example.com");
        _server.AddMx("example.com", 5, "first.example.com");

        MxLookupResult result = await LookUpAsync("example.com.");

        Assert.That(result.Hosts[0].Host, Is.EqualTo("first.example.com"));
        Assert.That(result.Hosts.Skip(1).Select(host => host.Host), Is.EquivalentTo(new[] { "a.example.com", "b.example.com" }));
    }

    [Test]
    public async Task Decision24_NoMxRecord_TheDomainItselfIsTheImplicitMx()
    {
        _server.AddAddress("example.com", "192.0.2.1");

        MxLookupResult result = await LookUpAsync("example.com");

        Assert.That(result.Outcome, Is.EqualTo(MxLookupOutcome.Found));
        Assert.That(result.Hosts, Is.EqualTo(new[] { new MxHostRecord("example.com", 0, IsImplicit: true) }));
    }

    [Test]
    public async Task ResolveMx_NullMx_AcceptsNoMail()
    {
        _server.AddMx("example.com", 0, ".");

        MxLookupResult result = await LookUpAsync("example.com");

        Assert.That(result.Outcome, Is.EqualTo(MxLookupOutcome.NullMx));
        Assert.That(result.Hosts, Is.Empty);
    }

    [Test]
    public async Task ResolveMx_NonExistentDomain_IsNoDomain()
    {
        MxLookupResult result = await LookUpAsync("missing.example");

        Assert.That(result.Outcome, Is.EqualTo(MxLookupOutcome.NoDomain));
    }

    [Test]
    public async Task ResolveMx_ServFail_IsATemporaryDnsFailure()
    {
        _server.SetResponseCode("example.com", ReturnCode.ServerFailure);

        MxLookupResult result = await LookUpAsync("example.com");

        Assert.That(result.Outcome, Is.EqualTo(MxLookupOutcome.DnsFailure), result.Reason);
    }

    [Test]
    public async Task ResolveMx_MxHostAddresses_ComeFromTheSameServer()
    {
        _server.AddMx("example.com", 10, "mail.example.com");
        _server.AddAddress("mail.example.com", "127.0.0.2");
        var options = new MtaStsDnsOptions { MaximumCacheTime = TimeSpan.Zero };
        options.Servers.Add(_server.EndPoint);
        var client = new MtaStsDnsClient(options);

        MxLookupResult result = await client.ResolveMxAsync("example.com", CancellationToken.None);
        var addresses = await client.ResolveAddressesAsync(result.Hosts[0].Host, CancellationToken.None);

        Assert.That(addresses, Is.EqualTo(new[] { IPAddress.Parse("127.0.0.2") }));
        Assert.That(_server.Queries, Is.EquivalentTo(new[] { "example.com MX", "mail.example.com AAAA", "mail.example.com A" }));
    }

    [Test]
    public void ResolveMx_Blank_Throws()
    {
        Assert.That(() => new MtaStsDnsClient().ResolveMxAsync(" ", CancellationToken.None), Throws.ArgumentException);
    }
}
