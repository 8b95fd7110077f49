using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DnsClient;
using DnsClient.Protocol;
using Moq;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using NUnit.Framework;
using static MtaSts.Client.Tests.Discovery.FakeDnsResponse;

namespace MtaSts.Client.Tests.Discovery;

/// <summary>
/// How <see cref="MtaStsDnsClient"/> turns DnsClient answers into outcomes, against a strict mock
/// of <see cref="ILookupClient"/>: any query not set up fails the test.
/// </summary>
[TestFixture]
public sealed class MtaStsDnsClientTests
{
    private const string RecordName = "_mta-sts.example.com";
    private const string Host = "mta-sts.example.com";

    private static readonly PolicyDomain s_domain = PolicyDomain.Create("example.com");

    private Mock<ILookupClient> _lookup = null!;
    private MtaStsDnsClient _client = null!;

    [SetUp]
    public void SetUp()
    {
        _lookup = new Mock<ILookupClient>(MockBehavior.Strict);
        _client = new MtaStsDnsClient(_lookup.Object);
    }

    [TearDown]
    public void TearDown() => _lookup.VerifyAll();

    private void Given(string name, QueryType type, IDnsQueryResponse response) =>
        _lookup.Setup(c => c.QueryAsync(name, type, QueryClass.IN, It.IsAny<CancellationToken>()))
            .ReturnsAsync(response);

    private void GivenFailure(string name, QueryType type, Exception exception) =>
        _lookup.Setup(c => c.QueryAsync(name, type, QueryClass.IN, It.IsAny<CancellationToken>()))
            .ThrowsAsync(exception);

    private Task<RecordDiscoveryResult> DiscoverAsync() =>
        _client.DiscoverRecordAsync(s_domain, CancellationToken.None);

    /// <summary>What DnsClient throws when no server answered in time.</summary>
    private static DnsResponseException Timeout() => new(DnsResponseCode.ConnectionTimeout, "timed out");

    private static void AssertNotUsable(RecordDiscoveryResult result, RecordDiscoveryOutcome outcome)
    {
        Assert.That(result.Outcome, Is.EqualTo(outcome), result.Reason);
        Assert.That(result.IsFound, Is.False);
        Assert.That(result.Record, Is.Null);
        Assert.That(result.PolicyId, Is.Null);
        Assert.That(result.TimeToLive, Is.EqualTo(TimeSpan.Zero));
        Assert.That(result.Domain, Is.SameAs(s_domain));
    }

    [Test]
    public async Task DiscoverRecordAsync_OneRecord_IsFoundWithItsTtl()
    {
        Given(RecordName, QueryType.TXT, Answer(Txt(RecordName, 600, "v=STSv1; id=20240501T000000")));

        RecordDiscoveryResult result = await DiscoverAsync();

        Assert.That(result.Outcome, Is.EqualTo(RecordDiscoveryOutcome.Found), result.Reason);
        Assert.That(result.IsFound, Is.True);
        Assert.That(result.PolicyId, Is.EqualTo("20240501T000000"));
        Assert.That(result.Record!.Id, Is.EqualTo("20240501T000000"));
        Assert.That(result.TimeToLive, Is.EqualTo(TimeSpan.FromSeconds(600)));
        Assert.That(result.Domain, Is.SameAs(s_domain));
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.ToString(), Does.Contain("example.com").And.Contain("Found"));
    }

    [TestCase(new[] { "v=STSv1; id=abc", "def" }, "abcdef")]
    [TestCase(new[] { "v=STS", "v1; id=abc" }, "abc")]
    [TestCase(new[] { "v=STSv1; id=2016", "0831", "085700Z;" }, "20160831085700Z")]
    public async Task DiscoverRecordAsync_MultiStringRecord_JoinsStringsWithoutSpaces(string[] strings, string id)
    {
        Given(RecordName, QueryType.TXT, Answer(Txt(RecordName, strings)));

        RecordDiscoveryResult result = await DiscoverAsync();

        Assert.That(result.PolicyId, Is.EqualTo(id), result.Reason);
    }

    [Test]
    public async Task DiscoverRecordAsync_UnrelatedTxtRecords_AreIgnored()
    {
        Given(RecordName, QueryType.TXT, Answer(
            TxtRecords(RecordName, "v=spf1 -all", "v=STSv1; id=abc", "site-verification=xyz", "v=STSv10; id=def")));

        RecordDiscoveryResult result = await DiscoverAsync();

        Assert.That(result.PolicyId, Is.EqualTo("abc"), result.Reason);
    }

    [Test]
    public async Task DiscoverRecordAsync_TwoStsRecords_IsMultiple()
    {
        Given(RecordName, QueryType.TXT, Answer(TxtRecords(RecordName, "v=STSv1; id=abc", "v=STSv1; id=def")));

        RecordDiscoveryResult result = await DiscoverAsync();

        AssertNotUsable(result, RecordDiscoveryOutcome.Multiple);
        Assert.That(result.Diagnostics.Select(d => d.Code), Does.Contain(DiagnosticCodes.RecordMultiple));
    }

    [Test]
    public async Task DiscoverRecordAsync_InvalidRecord_IsInvalidWithTheParserDiagnostics()
    {
        Given(RecordName, QueryType.TXT, Answer(TxtRecords(RecordName, "v=STSv1; id=bad-id")));

        RecordDiscoveryResult result = await DiscoverAsync();

        AssertNotUsable(result, RecordDiscoveryOutcome.Invalid);
        Assert.That(result.Diagnostics.Select(d => d.Code), Does.Contain(DiagnosticCodes.RecordInvalidId));
    }

    [Test]
    public async Task DiscoverRecordAsync_OnlyUnrelatedTxtRecords_IsNotFound()
    {
        Given(RecordName, QueryType.TXT, Answer(TxtRecords(RecordName, "v=spf1 -all", "v=STSv2; id=abc")));

        RecordDiscoveryResult result = await DiscoverAsync();

        AssertNotUsable(result, RecordDiscoveryOutcome.NotFound);
        Assert.That(result.Diagnostics.Select(d => d.Code), Does.Contain(DiagnosticCodes.RecordNotFound));
        Assert.That(result.Reason, Does.Contain("2 other TXT"));
    }

    [Test]
    public async Task DiscoverRecordAsync_NxDomain_IsNotFound()
    {
        Given(RecordName, QueryType.TXT, Error(DnsHeaderResponseCode.NotExistentDomain));

        RecordDiscoveryResult result = await DiscoverAsync();

        AssertNotUsable(result, RecordDiscoveryOutcome.NotFound);
        Assert.That(result.Reason, Does.Contain("NXDOMAIN"));
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public async Task DiscoverRecordAsync_NxDomainThrownByClient_IsNotFound()
    {
        GivenFailure(RecordName, QueryType.TXT, new DnsResponseException(DnsResponseCode.NotExistentDomain));

        RecordDiscoveryResult result = await DiscoverAsync();

        AssertNotUsable(result, RecordDiscoveryOutcome.NotFound);
    }

    [Test]
    public async Task DiscoverRecordAsync_NoData_IsNotFound()
    {
        Given(RecordName, QueryType.TXT, Answer());

        RecordDiscoveryResult result = await DiscoverAsync();

        AssertNotUsable(result, RecordDiscoveryOutcome.NotFound);
        Assert.That(result.Reason, Does.Contain("NODATA"));
    }

    [TestCase(DnsHeaderResponseCode.ServerFailure, "SERVFAIL")]
    [TestCase(DnsHeaderResponseCode.Refused, "REFUSED")]
    [TestCase(DnsHeaderResponseCode.FormatError, "FORMERR")]
    [TestCase(DnsHeaderResponseCode.NotImplemented, "NOTIMP")]
    [TestCase(DnsHeaderResponseCode.NotZone, "response code 10")]
    public async Task DiscoverRecordAsync_ErrorResponseCode_IsDnsFailure(DnsHeaderResponseCode code, string mnemonic)
    {
        Given(RecordName, QueryType.TXT, Error(code));

        RecordDiscoveryResult result = await DiscoverAsync();

        AssertNotUsable(result, RecordDiscoveryOutcome.DnsFailure);
        Assert.That(result.Reason, Does.Contain(mnemonic).And.Contain(RecordName).And.Contain("192.0.2.53"));
    }

    [Test]
    public async Task DiscoverRecordAsync_Timeout_IsDnsFailure()
    {
        GivenFailure(RecordName, QueryType.TXT, Timeout());

        RecordDiscoveryResult result = await DiscoverAsync();

        AssertNotUsable(result, RecordDiscoveryOutcome.DnsFailure);
        Assert.That(result.Reason, Does.Contain("no answer in time").And.Contain(RecordName));
    }

    private static IEnumerable<Exception> OtherFailures()
    {
        yield return new DnsResponseException(
            "Unhandled exception", new SocketException((int)SocketError.NetworkUnreachable));
        yield return new DnsResponseException(DnsResponseCode.ServerFailure);
        yield return new SocketException((int)SocketError.ConnectionRefused);
        yield return new InvalidOperationException("broken response");
    }

    [TestCaseSource(nameof(OtherFailures))]
    public async Task DiscoverRecordAsync_OtherError_IsDnsFailure(Exception exception)
    {
        GivenFailure(RecordName, QueryType.TXT, exception);

        RecordDiscoveryResult result = await DiscoverAsync();

        AssertNotUsable(result, RecordDiscoveryOutcome.DnsFailure);
        Assert.That(result.Reason, Does.Contain(exception.Message));
    }

    [Test]
    public void DiscoverRecordAsync_CanceledDuringQuery_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        _lookup.Setup(c => c.QueryAsync(RecordName, QueryType.TXT, QueryClass.IN, cancellation.Token))
            .Returns(async () =>
            {
                await cancellation.CancelAsync();

                // What DnsClient throws when the caller cancels.
                throw new DnsResponseException("Operation canceled", new OperationCanceledException());
            });

        Assert.That(
            async () => await _client.DiscoverRecordAsync(s_domain, cancellation.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void DiscoverRecordAsync_AlreadyCanceled_ThrowsWithoutQuery()
    {
        Assert.That(
            async () => await _client.DiscoverRecordAsync(s_domain, new CancellationToken(canceled: true)),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void DiscoverRecordAsync_NullDomain_Throws()
    {
        Assert.That(
            async () => await _client.DiscoverRecordAsync(null!, CancellationToken.None),
            Throws.ArgumentNullException);
    }

    [Test]
    public async Task DiscoverRecordAsync_CnameChain_TakesTheRecordAtItsEndWithTheLowestTtl()
    {
        Given(RecordName, QueryType.TXT, Answer(
            Cname(RecordName, "a.example.org", ttl: 3600),
            Cname("a.example.org", "b.example.org", ttl: 120),
            Txt("b.example.org", 900, "v=STSv1; id=chain")));

        RecordDiscoveryResult result = await DiscoverAsync();

        Assert.That(result.PolicyId, Is.EqualTo("chain"), result.Reason);
        Assert.That(result.TimeToLive, Is.EqualTo(TimeSpan.FromSeconds(120)));
    }

    [Test]
    public async Task DiscoverRecordAsync_ChainOutOfOrderAndInOtherCase_IsFollowed()
    {
        Given(RecordName, QueryType.TXT, Answer(
            Txt("B.Example.ORG", "v=STSv1; id=chain"),
            Cname("A.EXAMPLE.org", "b.example.org"),
            Cname("_MTA-STS.Example.Com", "a.example.org")));

        RecordDiscoveryResult result = await DiscoverAsync();

        Assert.That(result.PolicyId, Is.EqualTo("chain"), result.Reason);
    }

    [Test]
    public async Task DiscoverRecordAsync_IdnOwnerNames_AreComparedAsALabels()
    {
        PolicyDomain idn = PolicyDomain.Create("bücher.example");
        Given("_mta-sts.xn--bcher-kva.example", QueryType.TXT, Answer(
            Cname("_mta-sts.xn--bcher-kva.example", "_mta-sts.xn--mnchen-3ya.example"),
            Txt("_mta-sts.xn--mnchen-3ya.example", "v=STSv1; id=idn")));

        RecordDiscoveryResult result = await _client.DiscoverRecordAsync(idn, CancellationToken.None);

        Assert.That(result.PolicyId, Is.EqualTo("idn"), result.Reason);
    }

    [Test]
    public async Task DiscoverRecordAsync_RecordsOffTheChain_AreIgnored()
    {
        Given(RecordName, QueryType.TXT, Answer(
            Cname(RecordName, "b.example.org"),
            Txt("b.example.org", "v=STSv1; id=chain"),
            Txt("elsewhere.example.net", "v=STSv1; id=stray")));

        RecordDiscoveryResult result = await DiscoverAsync();

        Assert.That(result.PolicyId, Is.EqualTo("chain"), result.Reason);
    }

    [Test]
    public async Task DiscoverRecordAsync_CnameLoop_IsNotFound()
    {
        Given(RecordName, QueryType.TXT, Answer(
            Cname(RecordName, "a.example.org"),
            Cname("a.example.org", "b.example.org"),
            Cname("b.example.org", RecordName)));

        RecordDiscoveryResult result = await DiscoverAsync();

        AssertNotUsable(result, RecordDiscoveryOutcome.NotFound);
        Assert.That(result.Reason, Does.Contain("loop"));
    }

    [Test]
    public async Task DiscoverRecordAsync_ChainEndsWithoutTxt_IsNotFound()
    {
        Given(RecordName, QueryType.TXT, Answer(Cname(RecordName, "a.example.org")));

        RecordDiscoveryResult result = await DiscoverAsync();

        AssertNotUsable(result, RecordDiscoveryOutcome.NotFound);
        Assert.That(result.Reason, Does.Contain("a.example.org"));
    }

    [Test]
    public void PolicyDomain_TooLongForItsRecordName_IsNeverQueried()
    {
        // A valid 253-character domain leaves no room for "_mta-sts.": no such record can exist,
        // so the domain cannot be a Policy Domain and no query can be made for it.
        string label = new('a', 63);

        Assert.That(PolicyDomain.TryCreate($"{label}.{label}.{label}.{new string('b', 61)}", out _), Is.False);
        Assert.That(PolicyDomain.TryCreate($"{label}.{label}.{label}.{new string('b', 52)}", out _), Is.True);
        _lookup.VerifyNoOtherCalls();
    }

    [Test]
    public async Task DiscoverRecordAsync_Subdomain_QueriesItsOwnRecordNameOnce()
    {
        PolicyDomain subdomain = PolicyDomain.Create("mail.example.com");
        Given("_mta-sts.mail.example.com", QueryType.TXT, Error(DnsHeaderResponseCode.NotExistentDomain));

        RecordDiscoveryResult result = await _client.DiscoverRecordAsync(subdomain, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(RecordDiscoveryOutcome.NotFound));
        _lookup.Verify(
            c => c.QueryAsync(
                It.IsAny<string>(), It.IsAny<QueryType>(), It.IsAny<QueryClass>(), It.IsAny<CancellationToken>()),
            Times.Once);
    }

    [Test]
    public async Task ResolveAddressesAsync_AaaaAndA_ReturnsIpv6ThenIpv4()
    {
        Given(Host, QueryType.AAAA, Answer(Address(Host, "2001:db8::1"), Address(Host, "2001:db8::2")));
        Given(Host, QueryType.A, Answer(Address(Host, "192.0.2.1")));

        IReadOnlyList<IPAddress> addresses = await _client.ResolveAddressesAsync(Host, CancellationToken.None);

        Assert.That(addresses, Is.EqualTo(new[]
        {
            IPAddress.Parse("2001:db8::1"), IPAddress.Parse("2001:db8::2"), IPAddress.Parse("192.0.2.1"),
        }));
    }

    [Test]
    public async Task ResolveAddressesAsync_Cname_ReturnsTheTargetAddresses()
    {
        Given(Host, QueryType.AAAA, Answer(Cname(Host, "web.example.net")));
        Given(Host, QueryType.A, Answer(Cname(Host, "web.example.net"), Address("web.example.net", "192.0.2.7")));

        IReadOnlyList<IPAddress> addresses = await _client.ResolveAddressesAsync(Host, CancellationToken.None);

        Assert.That(addresses, Is.EqualTo(new[] { IPAddress.Parse("192.0.2.7") }));
    }

    [Test]
    public async Task ResolveAddressesAsync_NxDomain_ReturnsEmpty()
    {
        Given(Host, QueryType.AAAA, Error(DnsHeaderResponseCode.NotExistentDomain));
        Given(Host, QueryType.A, Error(DnsHeaderResponseCode.NotExistentDomain));

        Assert.That(await _client.ResolveAddressesAsync(Host, CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task ResolveAddressesAsync_NoData_ReturnsEmpty()
    {
        Given(Host, QueryType.AAAA, Answer());
        Given(Host, QueryType.A, Answer(Txt(Host, "not an address")));

        Assert.That(await _client.ResolveAddressesAsync(Host, CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task ResolveAddressesAsync_AaaaFailsAndAAnswers_ReturnsIpv4()
    {
        Given(Host, QueryType.AAAA, Error(DnsHeaderResponseCode.ServerFailure));
        Given(Host, QueryType.A, Answer(Address(Host, "192.0.2.1")));

        IReadOnlyList<IPAddress> addresses = await _client.ResolveAddressesAsync(Host, CancellationToken.None);

        Assert.That(addresses, Is.EqualTo(new[] { IPAddress.Parse("192.0.2.1") }));
    }

    [Test]
    public async Task ResolveAddressesAsync_OneFailsAndOtherIsNxDomain_ReturnsEmpty()
    {
        GivenFailure(Host, QueryType.AAAA, Timeout());
        Given(Host, QueryType.A, Error(DnsHeaderResponseCode.NotExistentDomain));

        Assert.That(await _client.ResolveAddressesAsync(Host, CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task ResolveAddressesAsync_ServFail_ThrowsWithHostAndReason()
    {
        Given(Host, QueryType.AAAA, Error(DnsHeaderResponseCode.ServerFailure));
        Given(Host, QueryType.A, Error(DnsHeaderResponseCode.ServerFailure));

        DnsResolutionException? exception = await Assert.ThrowsAsync<DnsResolutionException>(
            async () => await _client.ResolveAddressesAsync(Host, CancellationToken.None));

        Assert.That(exception!.HostName, Is.EqualTo(Host));
        Assert.That(exception.Reason, Does.Contain("SERVFAIL"));
        Assert.That(exception.Message, Does.Contain(Host).And.Contain("SERVFAIL"));
    }

    [Test]
    public async Task ResolveAddressesAsync_Timeout_Throws()
    {
        GivenFailure(Host, QueryType.AAAA, Timeout());
        Given(Host, QueryType.A, Answer());

        DnsResolutionException? exception = await Assert.ThrowsAsync<DnsResolutionException>(
            async () => await _client.ResolveAddressesAsync(Host, CancellationToken.None));

        Assert.That(exception!.Reason, Does.Contain("no answer in time"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("  ")]
    public void ResolveAddressesAsync_NoHostName_ThrowsArgumentException(string? hostName)
    {
        Assert.That(
            async () => await _client.ResolveAddressesAsync(hostName!, CancellationToken.None),
            Throws.InstanceOf<ArgumentException>());
    }

    [Test]
    public async Task ResolveAddressesAsync_NameThatCannotExist_ReturnsEmptyWithoutQuery()
    {
        string tooLong = string.Join('.', Enumerable.Repeat(new string('a', 63), 5));

        Assert.That(await _client.ResolveAddressesAsync(tooLong, CancellationToken.None), Is.Empty);
        Assert.That(await _client.ResolveAddressesAsync("a..example", CancellationToken.None), Is.Empty);
        _lookup.VerifyNoOtherCalls();
    }

    [Test]
    public void Constructor_NullArgument_Throws()
    {
        Assert.That(() => new MtaStsDnsClient((ILookupClient)null!), Throws.ArgumentNullException);
        Assert.That(() => new MtaStsDnsClient((MtaStsDnsOptions)null!), Throws.ArgumentNullException);
    }

    [Test]
    public void Constructor_InvalidOptions_ThrowsArgumentException()
    {
        var options = new MtaStsDnsOptions { Retries = -1 };

        Assert.That(() => new MtaStsDnsClient(options), Throws.ArgumentException.With.Message.Contains("Retries"));
    }

    [Test]
    public void CreateLookupClientOptions_Defaults_CacheNeverOutlivesTheTtl()
    {
        LookupClientOptions options = MtaStsDnsClient.CreateLookupClientOptions(new MtaStsDnsOptions());

        Assert.That(options.AutoResolveNameServers, Is.True);
        Assert.That(options.Timeout, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(options.Retries, Is.EqualTo(2));
        Assert.That(options.ThrowDnsErrors, Is.False);
        Assert.That(options.UseTcpFallback, Is.True);
        Assert.That(options.ContinueOnDnsError, Is.True);
        Assert.That(options.ContinueOnEmptyResponse, Is.False);
        Assert.That(options.UseCache, Is.True);
        Assert.That(options.MinimumCacheTimeout, Is.Null);
        Assert.That(options.MaximumCacheTimeout, Is.EqualTo(TimeSpan.FromMinutes(5)));
        Assert.That(options.CacheFailedResults, Is.False);
    }

    [Test]
    public void CreateLookupClientOptions_ZeroCacheTime_TurnsTheCacheOff()
    {
        LookupClientOptions options = MtaStsDnsClient.CreateLookupClientOptions(
            new MtaStsDnsOptions { MaximumCacheTime = TimeSpan.Zero });

        Assert.That(options.UseCache, Is.False);
        Assert.That(options.MaximumCacheTimeout, Is.Null);
    }

    [Test]
    public void CreateLookupClientOptions_Servers_AreUsedInOrder()
    {
        var first = new IPEndPoint(IPAddress.Loopback, 5353);
        var second = new IPEndPoint(IPAddress.IPv6Loopback, 53);
        var dnsOptions = new MtaStsDnsOptions { Timeout = TimeSpan.FromSeconds(2), Retries = 0 };
        dnsOptions.Servers.Add(first);
        dnsOptions.Servers.Add(second);

        LookupClientOptions options = MtaStsDnsClient.CreateLookupClientOptions(dnsOptions);

        Assert.That(options.AutoResolveNameServers, Is.False);
        Assert.That(options.NameServers.Select(server => new IPEndPoint(IPAddress.Parse(server.Address), server.Port)),
            Is.EqualTo(new[] { first, second }));
        Assert.That(options.Timeout, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(options.Retries, Is.Zero);
    }
}
