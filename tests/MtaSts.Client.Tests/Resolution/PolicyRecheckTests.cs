using System;
using System.Net;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using MtaSts.Client.Decision;
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

    private ScriptedResolver _scripted = null!;

    private FakeTimeProvider Time => _scripted.Time;

    private ScriptedTxtRecords Dns => _scripted.Dns;

    private ScriptedPolicyHost Host => _scripted.Host;

    private MtaStsPolicyResolver Resolver => _scripted.Resolver;

    [SetUp]
    public void SetUp() => _scripted = new ScriptedResolver();

    [TearDown]
    public void TearDown() => _scripted.Dispose();

    private async Task<PolicyResolution> RefusedUnderA1Async()
    {
        Dns.Publish("A1", ttl: 3600);
        Host.Serve(PEnforce);
        PolicyResolution resolution = await Resolver.ResolveAsync(s_domain);
        Assert.That(MxChecker.Default.CheckMx(resolution, NewMx, null).Verdict, Is.EqualTo(MxVerdict.Refuse));
        return resolution;
    }

    [Test]
    public async Task Case163a_IdUnchanged_NoNewPolicySoThePermanentFailureMayGo()
    {
        PolicyResolution refused = await RefusedUnderA1Async();
        int queries = Dns.Queries;

        PolicyRecheck recheck = await Resolver.RecheckAsync(refused);

        Assert.That(recheck.HasChanged, Is.False, recheck.ToString());
        Assert.That(Dns.Queries, Is.EqualTo(queries + 1), "the record is asked again although its TTL has not passed");
        Assert.That(Host.Requests, Is.EqualTo(1));
    }

    [Test]
    public async Task Case163b_IdChanged_TheNewPolicyIsFetchedBeforeAnyBounce()
    {
        PolicyResolution refused = await RefusedUnderA1Async();
        Time.Advance(TimeSpan.FromMinutes(10));
        Dns.Publish("A2", ttl: 3600);
        Host.Serve(PEnforce.Replace("mail.example.com", NewMx, StringComparison.Ordinal));

        PolicyRecheck recheck = await Resolver.RecheckAsync(refused);

        Assert.That(recheck.HasChanged, Is.True);
        Assert.That(recheck.Current.Applied!.PolicyId, Is.EqualTo("A2"));
        Assert.That(recheck.Previous, Is.SameAs(refused));
    }

    [Test]
    public async Task Case164_PolicyFixedMidOutage_DeliveredAfterTheRecheck()
    {
        PolicyResolution refused = await RefusedUnderA1Async();
        Time.Advance(TimeSpan.FromDays(2));
        Dns.Publish("A2", ttl: 3600);
        Host.Serve(PEnforce.Replace("mail.example.com", NewMx, StringComparison.Ordinal));

        PolicyRecheck recheck = await Resolver.RecheckAsync(refused);

        Assert.That(recheck.HasChanged, Is.True);
        Assert.That(recheck.Current.Policy!.Matches(NewMx), Is.True);
    }

    [Test]
    public async Task Recheck_NewIdWhoseFetchFails_KeepsTheOldPolicyAndSaysNothingChanged()
    {
        PolicyResolution refused = await RefusedUnderA1Async();
        Dns.Publish("A2", ttl: 3600);
        Host.Fail(HttpStatusCode.InternalServerError);

        PolicyRecheck recheck = await Resolver.RecheckAsync(refused);

        Assert.That(recheck.HasChanged, Is.False);
        Assert.That(recheck.Current.Applied!.PolicyId, Is.EqualTo("A1"));
        Assert.That(recheck.Current.FetchFailure, Is.Not.Null);
    }

    [Test]
    public void Recheck_Null_Throws()
    {
        Assert.That(() => Resolver.RecheckAsync(null!), Throws.ArgumentNullException);
    }
}
