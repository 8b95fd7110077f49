using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using MtaSts.Client.Decision;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Resolution;

/// <summary>
/// Conformance cases 163 and 164: before a message refused under <c>enforce</c> fails permanently,
/// the TXT id is looked at again now, whatever its TTL (RFC 8461 §5, §5.1 step 3).
/// </summary>
[TestFixture]
public sealed class PolicyRecheckTests
{
    private const string PEnforce = "version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 86400\n";
    private const string NewMx = "mx.newprovider.example";

    private static readonly PolicyDomain s_domain = PolicyDomain.Create("example.com");

    private FakeTimeProvider _time = null!;
    private ScriptedTxtRecords _dns = null!;
    private ScriptedPolicyHost _host = null!;
    private MtaStsPolicyResolver _resolver = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero));
        _dns = new ScriptedTxtRecords();
        _host = new ScriptedPolicyHost();
        _resolver = new MtaStsPolicyResolver(
            new MtaStsDnsClient(_dns.Lookup.Object),
            new PolicyFetcher(new HttpClient(_host), timeProvider: _time),
            timeProvider: _time);
    }

    [TearDown]
    public void TearDown() => _host.Dispose();

    private async Task<PolicyResolution> RefusedUnderA1Async()
    {
        _dns.Publish("A1", ttl: 3600);
        _host.Serve(PEnforce);
        PolicyResolution resolution = await _resolver.ResolveAsync(s_domain);
        Assert.That(MxChecker.Default.CheckMx(resolution, NewMx, null).Verdict, Is.EqualTo(MxVerdict.Refuse));
        return resolution;
    }

    [Test]
    public async Task Case163a_IdUnchanged_NoNewPolicySoThePermanentFailureMayGo()
    {
        PolicyResolution refused = await RefusedUnderA1Async();
        int queries = _dns.Queries;

        PolicyRecheck recheck = await _resolver.RecheckAsync(refused);

        Assert.That(recheck.HasChanged, Is.False, recheck.ToString());
        Assert.That(_dns.Queries, Is.EqualTo(queries + 1), "the record is asked again although its TTL has not passed");
        Assert.That(_host.Requests, Is.EqualTo(1));
    }

    [Test]
    public async Task Case163b_IdChanged_TheNewPolicyIsFetchedBeforeAnyBounce()
    {
        PolicyResolution refused = await RefusedUnderA1Async();
        _time.Advance(TimeSpan.FromMinutes(10));
        _dns.Publish("A2", ttl: 3600);
        _host.Serve(PEnforce.Replace("mail.example.com", NewMx, StringComparison.Ordinal));

        PolicyRecheck recheck = await _resolver.RecheckAsync(refused);

        Assert.That(recheck.HasChanged, Is.True);
        Assert.That(recheck.Current.Applied!.PolicyId, Is.EqualTo("A2"));
        Assert.That(recheck.Previous, Is.SameAs(refused));
    }

    [Test]
    public async Task Case164_PolicyFixedMidOutage_DeliveredAfterTheRecheck()
    {
        PolicyResolution refused = await RefusedUnderA1Async();
        _time.Advance(TimeSpan.FromDays(2));
        _dns.Publish("A2", ttl: 3600);
        _host.Serve(PEnforce.Replace("mail.example.com", NewMx, StringComparison.Ordinal));

        PolicyRecheck recheck = await _resolver.RecheckAsync(refused);

        Assert.That(recheck.HasChanged, Is.True);
        Assert.That(recheck.Current.Policy!.Matches(NewMx), Is.True);
    }

    [Test]
    public async Task Recheck_NewIdWhoseFetchFails_KeepsTheOldPolicyAndSaysNothingChanged()
    {
        PolicyResolution refused = await RefusedUnderA1Async();
        _dns.Publish("A2", ttl: 3600);
        _host.Fail(HttpStatusCode.InternalServerError);

        PolicyRecheck recheck = await _resolver.RecheckAsync(refused);

        Assert.That(recheck.HasChanged, Is.False);
        Assert.That(recheck.Current.Applied!.PolicyId, Is.EqualTo("A1"));
        Assert.That(recheck.Current.FetchFailure, Is.Not.Null);
    }

    [Test]
    public void Recheck_Null_Throws()
    {
        Assert.That(() => _resolver.RecheckAsync(null!), Throws.ArgumentNullException);
    }
}
