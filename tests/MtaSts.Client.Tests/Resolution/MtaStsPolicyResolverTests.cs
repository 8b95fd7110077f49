using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using DnsClient;
using Microsoft.Extensions.Time.Testing;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Resolution;

/// <summary>The RFC 8461 §3.3 and §5.1 cache table, through the DnsClient and HTTP seams.</summary>
[TestFixture]
public sealed class MtaStsPolicyResolverTests
{
    private const string PBase = "version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 86400\n";
    private const string PNone = "version: STSv1\r\nmode: none\r\nmax_age: 86400\r\n";

    private static readonly DateTimeOffset s_t0 = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly PolicyDomain s_domain = PolicyDomain.Create("example.com");

    private FakeTimeProvider _time = null!;
    private ScriptedTxtRecords _dns = null!;
    private ScriptedPolicyHost _host = null!;
    private MemoryPolicyStore _store = null!;
    private MtaStsPolicyResolver _resolver = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(s_t0);
        _dns = new ScriptedTxtRecords();
        _host = new ScriptedPolicyHost();
        _store = new MemoryPolicyStore();
        _resolver = CreateResolver(new PolicyResolverOptions());
    }

    [TearDown]
    public void TearDown()
    {
        _store.Dispose();
        _host.Dispose();
    }

    private MtaStsPolicyResolver CreateResolver(PolicyResolverOptions options) => new(
        new MtaStsDnsClient(_dns.Lookup.Object),
        new PolicyFetcher(new HttpClient(_host), timeProvider: _time),
        _store,
        options,
        _time);

    private static string WithMx(string mx) => PBase.Replace("mail.example.com", mx, StringComparison.Ordinal);

    private static string WithMaxAge(int seconds) => PBase.Replace("86400", seconds.ToString(), StringComparison.Ordinal);

    private Task<PolicyResolution> ResolveAsync() => _resolver.ResolveAsync(s_domain).AsTask();

    private void Advance(TimeSpan by) => _time.Advance(by);

    /// <summary>The starting point of most cases: <c>{A1, t0, P_BASE}</c> cached.</summary>
    private async Task CacheA1Async(string body = PBase)
    {
        _dns.Publish("A1");
        _host.Serve(body);
        PolicyResolution first = await ResolveAsync();
        Assert.That(first.Source, Is.EqualTo(PolicySource.Fetched), first.ToString());
    }

    [Test]
    public async Task Case177_FirstContact_FetchesStoresAndApplies()
    {
        _dns.Publish("A1");
        _host.Serve(PBase);

        PolicyResolution resolution = await ResolveAsync();

        Assert.That(resolution.Source, Is.EqualTo(PolicySource.Fetched));
        Assert.That(resolution.Reason, Is.EqualTo(ResolutionReason.Fetched));
        Assert.That(resolution.Policy!.Mode, Is.EqualTo(PolicyMode.Enforce));
        CachedPolicy? entry = _store.Find(s_domain);
        Assert.That(entry?.PolicyId, Is.EqualTo("A1"));
        Assert.That(entry?.FetchedAt, Is.EqualTo(s_t0));
    }

    [Test]
    public async Task Case178_SameIdFresh_UsesCacheWithoutHttps()
    {
        await CacheA1Async();
        Advance(TimeSpan.FromHours(1));

        PolicyResolution resolution = await ResolveAsync();

        Assert.That(resolution.Source, Is.EqualTo(PolicySource.Cache));
        Assert.That(resolution.Reason, Is.EqualTo(ResolutionReason.SameId));
        Assert.That(_dns.Queries, Is.EqualTo(2));
        Assert.That(_host.Requests, Is.EqualTo(1));
    }

    [Test]
    public async Task CurrentAnswer_WithinTheRecordTtl_AsksNeitherDnsNorHttps()
    {
        await CacheA1Async();
        Advance(TimeSpan.FromSeconds(299));

        PolicyResolution resolution = await ResolveAsync();

        Assert.That(resolution.Reason, Is.EqualTo(ResolutionReason.CachedPolicyCurrent));
        Assert.That(resolution.Record, Is.Null);
        Assert.That(_dns.Queries, Is.EqualTo(1));
        Assert.That(_host.Requests, Is.EqualTo(1));
    }

    [Test]
    public async Task Case179_IdChangedFetchOk_ReplacesTheEntry()
    {
        await CacheA1Async();
        Advance(TimeSpan.FromHours(1));
        _dns.Publish("A2");
        _host.Serve(WithMx("mx2.example.com"));

        PolicyResolution resolution = await ResolveAsync();

        Assert.That(resolution.Source, Is.EqualTo(PolicySource.Fetched));
        Assert.That(resolution.Policy!.Matches("mx2.example.com"), Is.True);
        Assert.That(_store.Find(s_domain)?.PolicyId, Is.EqualTo("A2"));
        Assert.That(_store.Find(s_domain)?.FetchedAt, Is.EqualTo(s_t0.AddHours(1)));
    }

    [Test]
    public async Task Case180_IdChangedFetchFails_KeepsCachedAndBacksOffFiveMinutes()
    {
        await CacheA1Async();
        Advance(TimeSpan.FromHours(1));
        _dns.Publish("A2", ttl: 60);
        _host.Fail(HttpStatusCode.ServiceUnavailable);

        PolicyResolution failed = await ResolveAsync();

        Assert.That(failed.Source, Is.EqualTo(PolicySource.Cache));
        Assert.That(failed.Reason, Is.EqualTo(ResolutionReason.FetchFailedCachedPolicyKept));
        Assert.That(failed.Applied!.PolicyId, Is.EqualTo("A1"));
        Assert.That(failed.FetchFailure?.ResultType, Is.EqualTo("sts-policy-fetch-error"));
        Assert.That(_store.Find(s_domain)?.PolicyId, Is.EqualTo("A1"));

        Advance(TimeSpan.FromMinutes(2));
        PolicyResolution backingOff = await ResolveAsync();
        Assert.That(backingOff.Reason, Is.EqualTo(ResolutionReason.FetchBackingOff));
        Assert.That(backingOff.Applied!.PolicyId, Is.EqualTo("A1"));
        Assert.That(_host.Requests, Is.EqualTo(2));

        Advance(TimeSpan.FromMinutes(3).Add(TimeSpan.FromSeconds(1)));
        _host.Serve(WithMx("mx2.example.com"));
        PolicyResolution retried = await ResolveAsync();
        Assert.That(retried.Source, Is.EqualTo(PolicySource.Fetched));
        Assert.That(_host.Requests, Is.EqualTo(3));
    }

    [TestCase("nxdomain")]
    [TestCase("two-records")]
    [TestCase("malformed")]
    [TestCase("servfail")]
    public async Task Case181_TxtDisappears_CachedPolicyStillApplies(string how)
    {
        await CacheA1Async();
        Advance(TimeSpan.FromHours(1));
        switch (how)
        {
            case "nxdomain":
                _dns.Remove();
                break;
            case "two-records":
                _dns.PublishRaw("v=STSv1; id=A1", "v=STSv1; id=A2");
                break;
            case "malformed":
                _dns.PublishRaw("v=STSv1; id=A-1");
                break;
            default:
                _dns.Fail(DnsHeaderResponseCode.ServerFailure);
                break;
        }

        PolicyResolution resolution = await ResolveAsync();

        Assert.That(resolution.Source, Is.EqualTo(PolicySource.Cache));
        Assert.That(resolution.Reason, Is.EqualTo(ResolutionReason.RecordUnusableCachedPolicyKept));
        Assert.That(resolution.Applied!.PolicyId, Is.EqualTo("A1"));
        Assert.That(_host.Requests, Is.EqualTo(1));
    }

    [Test]
    public async Task Case182_ExpiryBoundary_ValidAtMaxAgeRefetchedOneSecondLater()
    {
        await CacheA1Async();

        Advance(TimeSpan.FromSeconds(86400));
        Assert.That((await ResolveAsync()).Source, Is.EqualTo(PolicySource.Cache));

        Advance(TimeSpan.FromSeconds(1));
        Assert.That((await ResolveAsync()).Source, Is.EqualTo(PolicySource.Fetched));
        Assert.That(_host.Requests, Is.EqualTo(2));
    }

    [Test]
    public async Task Case183_MaxAgeZero_AppliesOnceThenFetchesAgain()
    {
        await CacheA1Async(WithMaxAge(0));

        Advance(TimeSpan.FromSeconds(1));
        _host.Fail(HttpStatusCode.NotFound);
        PolicyResolution later = await ResolveAsync();

        Assert.That(_host.Requests, Is.EqualTo(2));
        Assert.That(later.HasPolicy, Is.False);
        Assert.That(later.Reason, Is.EqualTo(ResolutionReason.FetchFailed));
    }

    [Test]
    public async Task Case184_ExpiredSameIdFetchOk_RefreshesTheEntry()
    {
        await CacheA1Async();
        Advance(TimeSpan.FromDays(2));

        PolicyResolution resolution = await ResolveAsync();

        Assert.That(resolution.Source, Is.EqualTo(PolicySource.Fetched));
        Assert.That(_store.Find(s_domain)?.FetchedAt, Is.EqualTo(s_t0.AddDays(2)));
    }

    [Test]
    public async Task Case185_ExpiredSameIdFetchFails_NoPolicyAndFetchError()
    {
        await CacheA1Async();
        Advance(TimeSpan.FromDays(2));
        _host.Fail(HttpStatusCode.NotFound);

        PolicyResolution resolution = await ResolveAsync();

        Assert.That(resolution.HasPolicy, Is.False);
        Assert.That(resolution.FetchFailure?.ResultType, Is.EqualTo("sts-policy-fetch-error"));
    }

    [Test]
    public async Task Case186_ExpiredTxtGone_NoPolicy()
    {
        await CacheA1Async();
        Advance(TimeSpan.FromDays(2));
        _dns.Remove();

        PolicyResolution resolution = await ResolveAsync();

        Assert.That(resolution.HasPolicy, Is.False);
        Assert.That(resolution.Reason, Is.EqualTo(ResolutionReason.NoRecord));
    }

    [Test]
    public async Task Case187_SeeingTheSameIdDoesNotRenew()
    {
        await CacheA1Async(WithMaxAge(3600));

        Advance(TimeSpan.FromMinutes(50));
        Assert.That((await ResolveAsync()).Source, Is.EqualTo(PolicySource.Cache));

        Advance(TimeSpan.FromMinutes(11));
        _host.Fail(HttpStatusCode.InternalServerError);
        PolicyResolution expired = await ResolveAsync();
        Assert.That(expired.HasPolicy, Is.False);
        Assert.That(_host.Requests, Is.EqualTo(2));
    }

    [Test]
    public async Task Case188_SwitchToModeNone_ReplacesTheEntry()
    {
        await CacheA1Async();
        Advance(TimeSpan.FromHours(1));
        _dns.Publish("A2");
        _host.Serve(PNone);

        PolicyResolution resolution = await ResolveAsync();

        Assert.That(resolution.Policy!.Mode, Is.EqualTo(PolicyMode.None));
        Assert.That(_store.Find(s_domain)?.PolicyId, Is.EqualTo("A2"));
    }

    [Test]
    public async Task Case190_ProactiveRefresh_RenewsOrKeepsTheEntry()
    {
        await CacheA1Async(PBase.Replace("86400", "604800", StringComparison.Ordinal));
        Advance(TimeSpan.FromDays(1));

        PolicyRefresh renewed = (await _resolver.RefreshAsync(TimeSpan.FromDays(1))).Single();
        Assert.That(renewed.IsRenewed, Is.True);
        Assert.That(_store.Find(s_domain)?.FetchedAt, Is.EqualTo(s_t0.AddDays(1)));

        Advance(TimeSpan.FromDays(1));
        _host.Fail(HttpStatusCode.BadGateway);
        PolicyRefresh kept = (await _resolver.RefreshAsync(TimeSpan.FromDays(1))).Single();
        Assert.That(kept.IsRenewed, Is.False);
        Assert.That(kept.Failure?.ResultType, Is.EqualTo("sts-policy-fetch-error"));
        Assert.That(_store.Find(s_domain)?.FetchedAt, Is.EqualTo(s_t0.AddDays(1)));
    }

    [Test]
    public async Task Decision18_BackOffIsPerId_AlternatingIdsDoNotResetEachOther()
    {
        await CacheA1Async();
        Advance(TimeSpan.FromHours(1));
        _host.Fail(HttpStatusCode.ServiceUnavailable);
        _dns.Publish("A2", ttl: 60);
        Assert.That((await ResolveAsync()).Reason, Is.EqualTo(ResolutionReason.FetchFailedCachedPolicyKept));

        Advance(TimeSpan.FromMinutes(1));
        _dns.Publish("A3", ttl: 60);
        Assert.That((await ResolveAsync()).Reason, Is.EqualTo(ResolutionReason.FetchFailedCachedPolicyKept));

        Advance(TimeSpan.FromMinutes(1));
        _dns.Publish("A2", ttl: 60);
        PolicyResolution again = await ResolveAsync();

        Assert.That(again.Reason, Is.EqualTo(ResolutionReason.FetchBackingOff));
        Assert.That(again.Applied!.PolicyId, Is.EqualTo("A1"));
        Assert.That(_host.Requests, Is.EqualTo(3), "A2 is not fetched again two minutes after it failed");
    }

    [Test]
    public async Task Decision18_FailedRefresh_BacksOffTheIdForDeliveries()
    {
        await CacheA1Async(PBase.Replace("86400", "604800", StringComparison.Ordinal));
        Advance(TimeSpan.FromDays(1));
        _dns.Publish("A2", ttl: 60);
        _host.Fail(HttpStatusCode.ServiceUnavailable);
        PolicyRefresh refresh = (await _resolver.RefreshAsync(TimeSpan.FromDays(1))).Single();
        Assert.That(refresh.IsRenewed, Is.False);

        Advance(TimeSpan.FromMinutes(1));
        PolicyResolution delivery = await ResolveAsync();

        Assert.That(delivery.Reason, Is.EqualTo(ResolutionReason.FetchBackingOff));
        Assert.That(delivery.Applied!.PolicyId, Is.EqualTo("A1"));
        Assert.That(_host.Requests, Is.EqualTo(2));
    }

    [Test]
    public async Task Decision18_RefreshWithinTheBackOff_DoesNotFetch()
    {
        await CacheA1Async(PBase.Replace("86400", "604800", StringComparison.Ordinal));
        Advance(TimeSpan.FromDays(1));
        _host.Fail(HttpStatusCode.BadGateway);
        PolicyRefresh failed = (await _resolver.RefreshAsync(TimeSpan.Zero)).Single();

        Advance(TimeSpan.FromMinutes(2));
        PolicyRefresh skipped = (await _resolver.RefreshAsync(TimeSpan.Zero)).Single();
        Assert.That(skipped.IsRenewed, Is.False);
        Assert.That(skipped.Failure, Is.SameAs(failed.Failure));
        Assert.That(_host.Requests, Is.EqualTo(2));

        Advance(TimeSpan.FromMinutes(3));
        _host.Serve(PBase);
        Assert.That((await _resolver.RefreshAsync(TimeSpan.Zero)).Single().IsRenewed, Is.True);
        Assert.That(_host.Requests, Is.EqualTo(3));
    }

    [Test]
    public async Task Case191_ProactiveRefreshWithTxtMissing_RefetchesKeepingTheId()
    {
        await CacheA1Async(PBase.Replace("86400", "604800", StringComparison.Ordinal));
        Advance(TimeSpan.FromDays(1));
        _dns.Fail(DnsHeaderResponseCode.ServerFailure);

        PolicyRefresh refresh = (await _resolver.RefreshAsync(TimeSpan.FromDays(1))).Single();

        Assert.That(refresh.IsRenewed, Is.True);
        Assert.That(_store.Find(s_domain)?.PolicyId, Is.EqualTo("A1"));
        Assert.That(_store.Find(s_domain)?.FetchedAt, Is.EqualTo(s_t0.AddDays(1)));
    }

    [Test]
    public async Task Case191_RefreshNeverCreatesAnEntry()
    {
        _dns.Publish("A1");
        _host.Serve(PBase);

        Assert.That(await _resolver.RefreshAsync(TimeSpan.Zero), Is.Empty);
        Assert.That(_store.GetAll(), Is.Empty);
        Assert.That(_host.Requests, Is.Zero);
    }

    [Test]
    public async Task Case192_PolicyEditedWithoutIdChange_CachedUntilExpiry()
    {
        await CacheA1Async();
        _host.Serve(WithMx("mx9.example.com"));
        Advance(TimeSpan.FromHours(12));

        PolicyResolution resolution = await ResolveAsync();

        Assert.That(resolution.Policy!.Matches("mail.example.com"), Is.True);
        Assert.That(resolution.Policy.Matches("mx9.example.com"), Is.False);
    }

    [Test]
    public async Task Case193_BackOffWithEmptyCache_NoFetchForFiveMinutes()
    {
        _dns.Publish("A1");
        _host.Fail(HttpStatusCode.InternalServerError);
        Assert.That((await ResolveAsync()).HasPolicy, Is.False);

        Advance(TimeSpan.FromMinutes(1));
        PolicyResolution soon = await ResolveAsync();
        Assert.That(soon.HasPolicy, Is.False);
        Assert.That(_host.Requests, Is.EqualTo(1));

        Advance(TimeSpan.FromMinutes(5));
        _host.Serve(PBase);
        Assert.That((await ResolveAsync()).Source, Is.EqualTo(PolicySource.Fetched));
        Assert.That(_host.Requests, Is.EqualTo(2));
    }

    [Test]
    public async Task Case195_KeyNormalisation_OneEntryForEveryForm()
    {
        _dns.Publish("A1");
        _host.Serve(PBase);

        await _resolver.ResolveAsync(PolicyDomain.Create("Example.COM"));
        PolicyResolution second = await _resolver.ResolveAsync(PolicyDomain.Create("example.com."));

        Assert.That(second.Source, Is.EqualTo(PolicySource.Cache));
        Assert.That(_host.Requests, Is.EqualTo(1));
        Assert.That(_store.GetAll(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Case196_NoParentInheritance_SubdomainHasNoPolicy()
    {
        await CacheA1Async();

        PolicyResolution sub = await _resolver.ResolveAsync(PolicyDomain.Create("sub.example.com"));

        Assert.That(sub.HasPolicy, Is.False);
        Assert.That(sub.Reason, Is.EqualTo(ResolutionReason.NoRecord));
    }

    [Test]
    public async Task Case197_DnsBlockedDuringAttack_CachedEnforceStillRefusesTheFakeMx()
    {
        await CacheA1Async();
        Advance(TimeSpan.FromHours(1));
        _dns.Fail(DnsHeaderResponseCode.ServerFailure);

        PolicyResolution resolution = await ResolveAsync();

        Assert.That(resolution.Policy!.Mode, Is.EqualTo(PolicyMode.Enforce));
        Assert.That(resolution.Policy.Matches("evil.example.org"), Is.False);
    }

    [Test]
    public async Task ManyDomainsOverTime_StateOfStaleOnesIsForgotten()
    {
        for (int i = 0; i < 1024; i++)
        {
            await _resolver.ResolveAsync(PolicyDomain.Create($"d{i}.example"));
        }

        Advance(TimeSpan.FromMinutes(2));
        for (int i = 1024; i < 2048; i++)
        {
            await _resolver.ResolveAsync(PolicyDomain.Create($"d{i}.example"));
        }

        Assert.That(_resolver.RememberedDomains, Is.LessThanOrEqualTo(1024));
    }

    [Test]
    public async Task Case076_FetchBackOffIsPerPolicyId()
    {
        _dns.Publish("A1", ttl: 60);
        _host.Fail(HttpStatusCode.InternalServerError);
        await ResolveAsync();

        Advance(TimeSpan.FromMinutes(2));
        await ResolveAsync();
        Assert.That(_host.Requests, Is.EqualTo(1), "A1 failed two minutes ago: not fetched again yet.");

        _dns.Publish("A2", ttl: 60);
        Advance(TimeSpan.FromMinutes(1));
        await ResolveAsync();
        Assert.That(_host.Requests, Is.EqualTo(2), "A2 has not failed: fetched at once.");

        _dns.Publish("A1", ttl: 60);
        Advance(TimeSpan.FromMinutes(2).Add(TimeSpan.FromSeconds(1)));
        await ResolveAsync();
        Assert.That(_host.Requests, Is.EqualTo(3), "Five minutes and a second after A1 failed: fetched again.");
    }

    [Test]
    public async Task Case189_RemovalCompleted_NoPolicyAndNoAlert()
    {
        _dns.Publish("A2");
        _host.Serve(PNone);
        await ResolveAsync();

        Advance(TimeSpan.FromDays(2));
        _dns.Remove();
        _host.Fail(HttpStatusCode.NotFound);
        PolicyResolution resolution = await ResolveAsync();

        Assert.That(resolution.HasPolicy, Is.False);
        Assert.That(resolution.Reason, Is.EqualTo(ResolutionReason.NoRecord));
        Assert.That(_host.Requests, Is.EqualTo(1));
    }

    [Test]
    public async Task Case194_StoreThatOutlivesTheProcess_KeepsProtectingAfterARestart()
    {
        await CacheA1Async();

        // A new resolver over the same store is what a restart with a durable store amounts to.
        _resolver = CreateResolver(new PolicyResolverOptions());
        Advance(TimeSpan.FromHours(1));
        _dns.Remove();
        PolicyResolution resolution = await ResolveAsync();

        Assert.That(resolution.Source, Is.EqualTo(PolicySource.Cache));
        Assert.That(resolution.Applied!.PolicyId, Is.EqualTo("A1"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Decision05_DnsFailureWithNothingCached_ProceedsOrDefersAsConfigured(bool defer)
    {
        _resolver = CreateResolver(new PolicyResolverOptions { DeferWhenDnsFails = defer });
        _dns.Fail(DnsHeaderResponseCode.ServerFailure);

        PolicyResolution resolution = await ResolveAsync();

        Assert.That(resolution.HasPolicy, Is.False);
        Assert.That(resolution.Record?.Outcome, Is.EqualTo(RecordDiscoveryOutcome.DnsFailure));
        Assert.That(resolution.ShouldDefer, Is.EqualTo(defer));
    }

    [Test]
    public async Task Purge_ForgetsThePolicyAndTheLastAnswer()
    {
        await CacheA1Async();

        Assert.That(_resolver.Purge(s_domain), Is.True);
        Assert.That(_resolver.GetCachedPolicy(s_domain), Is.Null);
        Assert.That((await ResolveAsync()).Source, Is.EqualTo(PolicySource.Fetched));
    }

    [Test]
    public async Task ThousandConcurrentResolutions_OneTxtQueryAndOneFetch()
    {
        _dns.Publish("A1");
        _host.Serve(PBase);

        PolicyResolution[] all = await Task.WhenAll(
            Enumerable.Range(0, 1000).Select(_ => Task.Run(() => _resolver.ResolveAsync(s_domain).AsTask())));

        Assert.That(_dns.Queries, Is.EqualTo(1));
        Assert.That(_host.Requests, Is.EqualTo(1));
        Assert.That(all.Select(r => r.Applied), Is.All.SameAs(all[0].Applied).And.Not.Null);
    }
}
