using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ARSoft.Tools.Net.Dns;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using MtaSts.Testing;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Discovery;

/// <summary>
/// <see cref="MtaStsDnsClient"/> against a real DNS server on 127.0.0.1 (section A cases 28-44 that
/// need DNS, RFC 8461 §3.1 and §3.4). Nothing here reaches beyond loopback.
/// </summary>
[TestFixture]
public sealed class MtaStsDnsClientLoopbackTests
{
    private const string RecordName = "_mta-sts.example.com";

    // Generous on purpose: only the silent-server tests wait for it, and they assert loosely.
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan s_shortTimeout = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan s_slowMachineAllowance = TimeSpan.FromSeconds(15);

    private LoopbackDnsServer _server = null!;

    [OneTimeSetUp]
    public void StartServer() => _server = LoopbackDnsServer.Start();

    [OneTimeTearDown]
    public void StopServer() => _server.Dispose();

    [SetUp]
    public void ResetZone() => _server.Reset();

    private MtaStsDnsClient CreateClient(TimeSpan cacheTime = default) =>
        CreateClient(_server.EndPoint, s_timeout, cacheTime);

    private static MtaStsDnsClient CreateClient(IPEndPoint server, TimeSpan timeout, TimeSpan cacheTime = default)
    {
        var options = new MtaStsDnsOptions { Timeout = timeout, Retries = 1, MaximumCacheTime = cacheTime };
        options.Servers.Add(server);
        return new MtaStsDnsClient(options);
    }

    private Task<RecordDiscoveryResult> DiscoverAsync(string domain, MtaStsDnsClient? client = null) =>
        (client ?? CreateClient()).DiscoverRecordAsync(PolicyDomain.Create(domain), CancellationToken.None);

    private Task<IReadOnlyList<IPAddress>> ResolveAsync(string hostName) =>
        CreateClient().ResolveAddressesAsync(hostName, CancellationToken.None);

    private static void AssertFound(RecordDiscoveryResult result, string id)
    {
        Assert.That(result.Outcome, Is.EqualTo(RecordDiscoveryOutcome.Found), result.Reason);
        Assert.That(result.PolicyId, Is.EqualTo(id));
    }

    [Test]
    public async Task Case028_SplitCharacterStrings_AreJoinedWithoutSpaces()
    {
        _server.AddTxt(RecordName, "v=STSv1; id=20160831", "085700Z;");

        AssertFound(await DiscoverAsync("example.com"), "20160831085700Z");
    }

    [Test]
    public async Task Case030_SpaceJoinTrap_IdSpansTwoStrings()
    {
        _server.AddTxt(RecordName, "v=STSv1; id=abc", "def");

        AssertFound(await DiscoverAsync("example.com"), "abcdef");
    }

    [Test]
    public async Task Case031_TwoStsRecords_IsMultiple()
    {
        _server.AddTxt(RecordName, "v=STSv1; id=abc");
        _server.AddTxt(RecordName, "v=STSv1; id=def");

        RecordDiscoveryResult result = await DiscoverAsync("example.com");

        Assert.That(result.Outcome, Is.EqualTo(RecordDiscoveryOutcome.Multiple), result.Reason);
    }

    [Test]
    public async Task Case033_StsRecordAmongUnrelatedTxtRecords_IsFound()
    {
        _server.AddTxt(RecordName, "v=STSv1; id=abc");
        _server.AddTxt(RecordName, "v=spf1 -all");
        _server.AddTxt(RecordName, "site-verification=xyz");

        AssertFound(await DiscoverAsync("example.com"), "abc");
    }

    [Test]
    public async Task Case036_NxDomain_IsNotFound()
    {
        RecordDiscoveryResult result = await DiscoverAsync("example.com");

        Assert.That(result.Outcome, Is.EqualTo(RecordDiscoveryOutcome.NotFound), result.Reason);
        Assert.That(result.Reason, Does.Contain("NXDOMAIN"));
    }

    [Test]
    public async Task Case036_NoData_IsNotFound()
    {
        _server.AddAddress(RecordName, "192.0.2.1");

        RecordDiscoveryResult result = await DiscoverAsync("example.com");

        Assert.That(result.Outcome, Is.EqualTo(RecordDiscoveryOutcome.NotFound), result.Reason);
        Assert.That(result.Reason, Does.Contain("NODATA"));
    }

    [Test]
    public async Task Case037_ServFail_IsDnsFailure()
    {
        _server.AddTxt(RecordName, "v=STSv1; id=abc");
        _server.SetResponseCode(RecordName, ReturnCode.ServerFailure);

        RecordDiscoveryResult result = await DiscoverAsync("example.com");

        Assert.That(result.Outcome, Is.EqualTo(RecordDiscoveryOutcome.DnsFailure), result.Reason);
        Assert.That(result.Reason, Does.Contain("SERVFAIL").And.Contain(_server.EndPoint.ToString()));
        Assert.That(result.NoServerAnswered, Is.False, "a server answered, with an error");
    }

    [Test]
    public async Task DiscoverRecordAsync_Refused_IsDnsFailure()
    {
        _server.SetResponseCode(RecordName, ReturnCode.Refused);

        RecordDiscoveryResult result = await DiscoverAsync("example.com");

        Assert.That(result.Outcome, Is.EqualTo(RecordDiscoveryOutcome.DnsFailure), result.Reason);
        Assert.That(result.Reason, Does.Contain("REFUSED"));
    }

    [Test]
    public async Task Case037_ServerNeverAnswers_IsDnsFailureWithinTheTimeout()
    {
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        MtaStsDnsClient client = CreateClient((IPEndPoint)silent.Client.LocalEndPoint!, s_shortTimeout);
        var elapsed = Stopwatch.StartNew();

        RecordDiscoveryResult result = await DiscoverAsync("example.com", client);

        Assert.That(result.Outcome, Is.EqualTo(RecordDiscoveryOutcome.DnsFailure), result.Reason);
        Assert.That(result.Reason, Does.Contain("no answer in time"));
        Assert.That(result.NoServerAnswered, Is.True);
        Assert.That(elapsed.Elapsed, Is.LessThan(s_slowMachineAllowance));
    }

    [Test]
    public async Task Case038_CnameDelegation_FindsRecord()
    {
        _server.AddCname(RecordName, "_mta-sts.provider.example", ttl: 600);
        _server.AddTxt("_mta-sts.provider.example", 120, "v=STSv1; id=prov42");

        RecordDiscoveryResult result = await DiscoverAsync("example.com");

        AssertFound(result, "prov42");
        Assert.That(result.TimeToLive, Is.EqualTo(TimeSpan.FromSeconds(120)));

        // Decision 6: delegation moves the record only; the policy still comes from the recipient domain.
        Assert.That(result.Domain.PolicyHost, Is.EqualTo("mta-sts.example.com"));
    }

    [Test]
    public async Task Case039_CnameChain_FindsRecord()
    {
        _server.AddCname(RecordName, "a.example.org");
        _server.AddCname("a.example.org", "b.example.org", ttl: 60);
        _server.AddTxt("b.example.org", "v=STSv1; id=chain");

        RecordDiscoveryResult result = await DiscoverAsync("example.com");

        AssertFound(result, "chain");
        Assert.That(result.TimeToLive, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(_server.Queries, Is.EqualTo(new[] { "_mta-sts.example.com TXT" }));
    }

    [Test]
    public async Task Case039_CnameLoop_IsNoLivePolicy()
    {
        _server.AddCname(RecordName, "a.example.org");
        _server.AddCname("a.example.org", RecordName);

        RecordDiscoveryResult result = await DiscoverAsync("example.com");

        Assert.That(result.Outcome, Is.EqualTo(RecordDiscoveryOutcome.NotFound), result.Reason);
        Assert.That(result.Reason, Does.Contain("loop"));
    }

    [Test]
    public async Task Case040_SubdomainRecipient_QueriesOnlyItsOwnName()
    {
        _server.AddTxt(RecordName, "v=STSv1; id=parent");

        RecordDiscoveryResult result = await DiscoverAsync("mail.example.com");

        Assert.That(result.Outcome, Is.EqualTo(RecordDiscoveryOutcome.NotFound), result.Reason);
        Assert.That(_server.Queries, Is.EqualTo(new[] { "_mta-sts.mail.example.com TXT" }));
    }

    [Test]
    public async Task Case041_SmartHost_QueriesOnlyTheRelayDomain()
    {
        _server.AddTxt(RecordName, "v=STSv1; id=recipient");
        _server.AddTxt("_mta-sts.relay.example.org", "v=STSv1; id=relay");

        AssertFound(await DiscoverAsync("relay.example.org"), "relay");
        Assert.That(_server.Queries, Is.EqualTo(new[] { "_mta-sts.relay.example.org TXT" }));
    }

    [Test]
    public async Task Case043_IdnDomain_QueriesTheALabelName()
    {
        _server.AddTxt("_mta-sts.xn--bcher-kva.example", "v=STSv1; id=idn");

        AssertFound(await DiscoverAsync("bücher.example"), "idn");
        Assert.That(_server.Queries, Is.EqualTo(new[] { "_mta-sts.xn--bcher-kva.example TXT" }));
    }

    [Test]
    public async Task Case044_CaseAndTrailingDot_QueryTheSameName()
    {
        _server.AddTxt(RecordName, "v=STSv1; id=abc");

        AssertFound(await DiscoverAsync("Example.COM"), "abc");
        AssertFound(await DiscoverAsync("example.com."), "abc");
        Assert.That(_server.Queries, Is.EqualTo(new[] { "_mta-sts.example.com TXT", "_mta-sts.example.com TXT" }));
    }

    [Test]
    public async Task DiscoverRecordAsync_AnswerTooLargeForUdp_IsFetchedOverTcp()
    {
        for (int i = 0; i < 30; i++)
        {
            _server.AddTxt(RecordName, $"unrelated-{i}={new string('x', 200)}");
        }

        _server.AddTxt(RecordName, "v=STSv1; id=large");

        AssertFound(await DiscoverAsync("example.com"), "large");
        Assert.That(_server.Transports, Does.Contain(TransportProtocol.Tcp));
    }

    [Test]
    public async Task DiscoverRecordAsync_CacheOff_SeesAChangedIdAtOnce()
    {
        MtaStsDnsClient client = CreateClient(cacheTime: TimeSpan.Zero);
        _server.AddTxt(RecordName, 3600, "v=STSv1; id=old");
        AssertFound(await DiscoverAsync("example.com", client), "old");

        _server.ReplaceTxt(RecordName, 3600, "v=STSv1; id=new");

        AssertFound(await DiscoverAsync("example.com", client), "new");
        Assert.That(_server.Queries, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task DiscoverRecordAsync_CacheOn_ReusesTheAnswerWithinItsTtl()
    {
        MtaStsDnsClient client = CreateClient(cacheTime: TimeSpan.FromMinutes(5));
        _server.AddTxt(RecordName, 300, "v=STSv1; id=abc");

        AssertFound(await DiscoverAsync("example.com", client), "abc");
        AssertFound(await DiscoverAsync("example.com", client), "abc");

        Assert.That(_server.Queries, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task DiscoverRecordAsync_ZeroTtl_IsNeverCached()
    {
        MtaStsDnsClient client = CreateClient(cacheTime: TimeSpan.FromMinutes(5));
        _server.AddTxt(RecordName, 0, "v=STSv1; id=old");
        AssertFound(await DiscoverAsync("example.com", client), "old");

        _server.ReplaceTxt(RecordName, 0, "v=STSv1; id=new");

        AssertFound(await DiscoverAsync("example.com", client), "new");
    }

    [Test]
    public async Task DiscoverRecordAsync_CacheTimeBelowTtl_SeesAChangedIdOnceItPasses()
    {
        TimeSpan cacheTime = TimeSpan.FromSeconds(1);
        MtaStsDnsClient client = CreateClient(cacheTime);
        _server.AddTxt(RecordName, 3600, "v=STSv1; id=old");
        AssertFound(await DiscoverAsync("example.com", client), "old");

        _server.ReplaceTxt(RecordName, 3600, "v=STSv1; id=new");
        await Task.Delay(cacheTime * 2.5);

        AssertFound(await DiscoverAsync("example.com", client), "new");
    }

    [Test]
    public async Task DiscoverRecordAsync_NxDomainThenPublished_IsFoundAtOnce()
    {
        MtaStsDnsClient client = CreateClient(cacheTime: TimeSpan.FromMinutes(5));
        Assert.That((await DiscoverAsync("example.com", client)).Outcome, Is.EqualTo(RecordDiscoveryOutcome.NotFound));

        _server.AddTxt(RecordName, "v=STSv1; id=abc");

        AssertFound(await DiscoverAsync("example.com", client), "abc");
    }

    [Test]
    public async Task ResolveAddressesAsync_HostWithAAndAaaa_ReturnsBoth()
    {
        _server.AddAddress("mta-sts.example.com", "192.0.2.10");
        _server.AddAddress("mta-sts.example.com", "2001:db8::10");

        IReadOnlyList<IPAddress> addresses = await ResolveAsync("mta-sts.example.com");

        Assert.That(addresses, Is.EqualTo(new[] { IPAddress.Parse("2001:db8::10"), IPAddress.Parse("192.0.2.10") }));
        Assert.That(_server.Queries, Is.EquivalentTo(new[] { "mta-sts.example.com AAAA", "mta-sts.example.com A" }));
    }

    [Test]
    public async Task ResolveAddressesAsync_Cname_ReturnsTheTargetAddresses()
    {
        _server.AddCname("mta-sts.example.com", "policy.provider.example");
        _server.AddAddress("policy.provider.example", "192.0.2.20");

        IReadOnlyList<IPAddress> addresses = await ResolveAsync("mta-sts.example.com");

        Assert.That(addresses, Is.EqualTo(new[] { IPAddress.Parse("192.0.2.20") }));
    }

    [Test]
    public async Task ResolveAddressesAsync_NxDomain_ReturnsEmpty()
    {
        Assert.That(await ResolveAsync("mta-sts.example.com"), Is.Empty);
    }

    [Test]
    public async Task ResolveAddressesAsync_ServFail_ThrowsDnsResolutionException()
    {
        _server.SetResponseCode("mta-sts.example.com", ReturnCode.ServerFailure);

        DnsResolutionException? exception = await Assert.ThrowsAsync<DnsResolutionException>(
            async () => await ResolveAsync("mta-sts.example.com"));

        Assert.That(exception!.HostName, Is.EqualTo("mta-sts.example.com"));
        Assert.That(exception.Reason, Does.Contain("SERVFAIL"));
    }

    [Test]
    public async Task ResolveAddressesAsync_ServerNeverAnswers_ThrowsWithinTheTimeout()
    {
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        MtaStsDnsClient client = CreateClient((IPEndPoint)silent.Client.LocalEndPoint!, s_shortTimeout);
        var elapsed = Stopwatch.StartNew();

        Assert.That(
            async () => await client.ResolveAddressesAsync("mta-sts.example.com", CancellationToken.None),
            Throws.InstanceOf<DnsResolutionException>());
        Assert.That(elapsed.Elapsed, Is.LessThan(s_slowMachineAllowance));
    }

    [Test]
    public void DiscoverRecordAsync_CanceledWhileWaiting_ThrowsOperationCanceled()
    {
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        MtaStsDnsClient client = CreateClient((IPEndPoint)silent.Client.LocalEndPoint!, TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.That(
            async () => await client.DiscoverRecordAsync(PolicyDomain.Create("example.com"), cancellation.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }
}
