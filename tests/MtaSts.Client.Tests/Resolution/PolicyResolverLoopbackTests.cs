using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using ARSoft.Tools.Net.Dns;
using Microsoft.Extensions.Time.Testing;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;
using MtaSts.Client.Tests.Discovery;
using MtaSts.Testing;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Resolution;

/// <summary>
/// The resolver end to end on loopback (section G cases 177-181 and single flight): a real
/// <see cref="MtaStsDnsClient"/> asking a DNS server on 127.0.0.1, and a <see cref="PolicyFetcher"/>
/// on the handler of <see cref="PolicyFetcher.CreateHandler"/> that finds the Policy Host through
/// that same DNS and fetches over HTTPS from Kestrel with the test PKI. Only the resolver's clock is
/// fake, so that re-checks come without waiting; nothing asserts how long anything takes.
/// </summary>
[TestFixture]
public sealed class PolicyResolverLoopbackTests
{
    private const string RecordName = "_mta-sts.example.com";
    private const string PolicyHost = "mta-sts.example.com";
    private const string TxtQuery = RecordName + " TXT";

    private static readonly PolicyDomain s_domain = PolicyDomain.Create("example.com");
    private static readonly TimeSpan s_pastRecheck = TimeSpan.FromMinutes(2);

    private LoopbackDnsServer _dns = null!;
    private PolicyHostServer _host = null!;
    private FakeTimeProvider _time = null!;
    private HttpClient? _client;

    [OneTimeSetUp]
    public async Task StartServersAsync()
    {
        _dns = LoopbackDnsServer.Start();
        _host = await PolicyHostServer.StartAsync(TestPki.Trusted.Leaf(PolicyHost), Responses.Policy);
    }

    [OneTimeTearDown]
    public async Task StopServersAsync()
    {
        _dns.Dispose();
        await _host.DisposeAsync();
    }

    [SetUp]
    public void ResetServers()
    {
        _host.Reset();
        _dns.Reset();
        _dns.AddTxt(RecordName, 60, "v=STSv1; id=A1;");
        _dns.AddAddress(PolicyHost, "127.0.0.1");
        _time = new FakeTimeProvider(DateTimeOffset.UtcNow);
    }

    [TearDown]
    public void DisposeClient() => _client?.Dispose();

    /// <summary>A resolver over the loopback DNS server and the given Policy Host (the fixture's by default).</summary>
    private MtaStsPolicyResolver CreateResolver(PolicyHostServer? host = null)
    {
        var dnsOptions = new MtaStsDnsOptions
        {
            // No DnsClient cache and no retries: every query the resolver makes reaches the server once.
            MaximumCacheTime = TimeSpan.Zero,
            Retries = 0,
            Timeout = TimeSpan.FromSeconds(10),
        };
        dnsOptions.Servers.Add(_dns.EndPoint);
        var dns = new MtaStsDnsClient(dnsOptions);

        var fetchOptions = new PolicyFetchOptions
        {
            AllowPrivateAddresses = true,
            ConnectPort = (host ?? _host).Port,
            Timeout = TimeSpan.FromSeconds(20),
        };
        fetchOptions.TrustRoots.Add(TestPki.PublicPart(TestPki.Trusted.Root));
        _client = new HttpClient(PolicyFetcher.CreateHandler(dns, fetchOptions));

        return new MtaStsPolicyResolver(dns, new PolicyFetcher(_client, fetchOptions), options: null, timeProvider: _time);
    }

    private int TxtQueries => _dns.Queries.Count(query => query == TxtQuery);

    private void Advance() => _time.Advance(s_pastRecheck);

    private static void Serve(PolicyHostServer host, string body) =>
        host.Respond = Responses.Send(200, Responses.PlainText, Encoding.UTF8.GetBytes(body));

    [Test]
    public async Task Case177_FirstContact_DiscoversFetchesAndStores()
    {
        MtaStsPolicyResolver resolver = CreateResolver();

        PolicyResolution resolution = await resolver.ResolveAsync(s_domain);

        Assert.That(resolution.Source, Is.EqualTo(PolicySource.Fetched), resolution.FetchFailure?.Message);
        Assert.That(resolution.Applied!.PolicyId, Is.EqualTo("A1"));
        Assert.That(resolution.Policy!.Mode, Is.EqualTo(PolicyMode.Enforce));
        Assert.That(resolution.Policy.Matches("mx1.example.net"), Is.True);
        Assert.That(resolver.GetCachedPolicy(s_domain), Is.SameAs(resolution.Applied));
        Assert.That(_dns.Queries, Is.SupersetOf(new[] { TxtQuery, PolicyHost + " A", PolicyHost + " AAAA" }));
        Assert.That(_host.ServerNames, Is.EqualTo(new[] { PolicyHost }));
        RecordedRequest request = _host.Requests.Single();
        Assert.That(request.Host, Is.EqualTo(PolicyHost));
        Assert.That(request.Path, Is.EqualTo("/.well-known/mta-sts.txt"));
    }

    [Test]
    public async Task Case178_SameId_ServedFromCacheWithoutASecondGet()
    {
        MtaStsPolicyResolver resolver = CreateResolver();
        PolicyResolution first = await resolver.ResolveAsync(s_domain);
        Advance();

        PolicyResolution second = await resolver.ResolveAsync(s_domain);

        Assert.That(second.Reason, Is.EqualTo(ResolutionReason.SameId));
        Assert.That(second.Applied, Is.SameAs(first.Applied));
        Assert.That(TxtQueries, Is.EqualTo(2), "the id is checked again");
        Assert.That(_host.Requests, Has.Count.EqualTo(1), "but the policy is not fetched again");
    }

    [Test]
    public async Task Case179_IdChanged_FetchesTheNewPolicy()
    {
        MtaStsPolicyResolver resolver = CreateResolver();
        await resolver.ResolveAsync(s_domain);
        _dns.ReplaceTxt(RecordName, 60, "v=STSv1; id=A2;");
        Serve(_host, "version: STSv1\r\nmode: testing\r\nmx: mx2.example.com\r\nmax_age: 86400\r\n");
        Advance();

        PolicyResolution resolution = await resolver.ResolveAsync(s_domain);

        Assert.That(resolution.Source, Is.EqualTo(PolicySource.Fetched), resolution.FetchFailure?.Message);
        Assert.That(resolution.Applied!.PolicyId, Is.EqualTo("A2"));
        Assert.That(resolution.Policy!.Mode, Is.EqualTo(PolicyMode.Testing));
        Assert.That(resolution.Policy.Matches("mx2.example.com"), Is.True);
        Assert.That(_host.Requests, Has.Count.EqualTo(2));
    }

    [TestCase(ReturnCode.NxDomain)]
    [TestCase(ReturnCode.ServerFailure)]
    public async Task Case181_TxtGone_CachedPolicyStillApplies(ReturnCode code)
    {
        MtaStsPolicyResolver resolver = CreateResolver();
        PolicyResolution first = await resolver.ResolveAsync(s_domain);
        _dns.SetResponseCode(RecordName, code);
        Advance();

        PolicyResolution resolution = await resolver.ResolveAsync(s_domain);

        Assert.That(resolution.Reason, Is.EqualTo(ResolutionReason.RecordUnusableCachedPolicyKept));
        Assert.That(resolution.Applied, Is.SameAs(first.Applied));
        Assert.That(resolution.Record!.Outcome, Is.EqualTo(
            code == ReturnCode.NxDomain ? RecordDiscoveryOutcome.NotFound : RecordDiscoveryOutcome.DnsFailure));
        Assert.That(TxtQueries, Is.EqualTo(2));
        Assert.That(_host.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Case180_PolicyHostAnswers500_CachedPolicyStillApplies()
    {
        MtaStsPolicyResolver resolver = CreateResolver();
        PolicyResolution first = await resolver.ResolveAsync(s_domain);
        _dns.ReplaceTxt(RecordName, 60, "v=STSv1; id=A2;");
        _host.Respond = Responses.Send(500, Responses.PlainText, []);
        Advance();

        PolicyResolution resolution = await resolver.ResolveAsync(s_domain);

        Assert.That(resolution.Reason, Is.EqualTo(ResolutionReason.FetchFailedCachedPolicyKept));
        Assert.That(resolution.Applied, Is.SameAs(first.Applied));
        Assert.That(resolution.FetchFailure!.FailureReason, Is.EqualTo(PolicyFetchFailureReason.Status));
        Assert.That(_host.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Case180_PolicyHostStopped_CachedPolicyStillApplies()
    {
        PolicyHostServer host = await PolicyHostServer.StartAsync(TestPki.Trusted.Leaf(PolicyHost), Responses.Policy);
        MtaStsPolicyResolver resolver = CreateResolver(host);
        PolicyResolution first;
        try
        {
            first = await resolver.ResolveAsync(s_domain);
            Assert.That(first.Source, Is.EqualTo(PolicySource.Fetched), first.FetchFailure?.Message);
        }
        finally
        {
            await host.DisposeAsync();
        }

        _dns.ReplaceTxt(RecordName, 60, "v=STSv1; id=A2;");
        Advance();

        PolicyResolution resolution = await resolver.ResolveAsync(s_domain);

        Assert.That(resolution.Reason, Is.EqualTo(ResolutionReason.FetchFailedCachedPolicyKept));
        Assert.That(resolution.Applied, Is.SameAs(first.Applied));
        Assert.That(resolution.FetchFailure!.ResultType, Is.EqualTo("sts-policy-fetch-error"));
    }

    [Test]
    public async Task ThousandConcurrentResolutions_OneTxtQueryOneGetOnePolicy()
    {
        MtaStsPolicyResolver resolver = CreateResolver();

        // The policy is held back until every caller has asked, so no answer can come from the cache.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _host.Respond = async context =>
        {
            await release.Task;
            await Responses.Policy(context);
        };
        Task<PolicyResolution>[] pending = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ =>
            Task.Factory.StartNew(() => resolver.ResolveAsync(s_domain).AsTask(), TaskCreationOptions.None)));
        bool noneAnsweredEarly = pending.All(resolution => !resolution.IsCompleted);
        release.SetResult();
        PolicyResolution[] all = await Task.WhenAll(pending);

        Assert.That(noneAnsweredEarly, Is.True, "all 1,000 were waiting at once");
        Assert.That(TxtQueries, Is.EqualTo(1));
        Assert.That(_host.Requests, Has.Count.EqualTo(1));
        Assert.That(_host.Connections, Is.EqualTo(1));
        Assert.That(all[0].Applied?.PolicyId, Is.EqualTo("A1"), all[0].FetchFailure?.Message);
        Assert.That(all.Select(resolution => resolution.Applied), Is.All.SameAs(all[0].Applied));
        Assert.That(all.Select(resolution => resolution.Source), Is.All.EqualTo(PolicySource.Fetched));
    }
}
