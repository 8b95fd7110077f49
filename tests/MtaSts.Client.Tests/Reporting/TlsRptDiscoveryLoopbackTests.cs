using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ARSoft.Tools.Net.Dns;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using MtaSts.Client.Reporting;
using MtaSts.Testing;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Reporting;

/// <summary>The <c>_smtp._tls</c> lookup against a real DNS server on 127.0.0.1 (RFC 8460 §3; cases 198, 203-206).</summary>
[TestFixture]
public sealed class TlsRptDiscoveryLoopbackTests
{
    private const string RecordName = "_smtp._tls.example.com";

    private LoopbackDnsServer _server = null!;

    [OneTimeSetUp]
    public void StartServer() => _server = LoopbackDnsServer.Start();

    [OneTimeTearDown]
    public void StopServer() => _server.Dispose();

    [SetUp]
    public void ResetZone() => _server.Reset();

    private Task<TlsRptDiscoveryResult> DiscoverAsync()
    {
        var options = new MtaStsDnsOptions { Retries = 0, MaximumCacheTime = System.TimeSpan.Zero };
        options.Servers.Add(_server.EndPoint);
        return new TlsRptDiscovery(new MtaStsDnsClient(options))
            .DiscoverAsync(PolicyDomain.Create("example.com"), CancellationToken.None);
    }

    [Test]
    public async Task Case198_Record_IsFoundAtSmtpTls()
    {
        _server.AddTxt(RecordName, "v=TLSRPTv1; rua=mailto:tlsrpt@example.com");

        TlsRptDiscoveryResult result = await DiscoverAsync();

        Assert.That(result.Outcome, Is.EqualTo(TlsRptDiscoveryOutcome.Found), result.Reason);
        Assert.That(result.Record!.Destinations.Single().MailAddress, Is.EqualTo("tlsrpt@example.com"));
        Assert.That(_server.Queries, Is.EqualTo(new[] { RecordName + " TXT" }));
    }

    [Test]
    public async Task Case203_TwoRecords_IsMultiple()
    {
        _server.AddTxt(RecordName, "v=TLSRPTv1; rua=mailto:a@example.com");
        _server.AddTxt(RecordName, "v=TLSRPTv1; rua=mailto:b@example.com");

        Assert.That((await DiscoverAsync()).Outcome, Is.EqualTo(TlsRptDiscoveryOutcome.Multiple));
    }

    [Test]
    public async Task Case204_OtherVersionAndUnrelatedTxt_AreDiscarded()
    {
        _server.AddTxt(RecordName, "v=TLSRPTv1; rua=mailto:a@example.com");
        _server.AddTxt(RecordName, "v=TLSRPTv2; rua=mailto:b@example.com");
        _server.AddTxt(RecordName, "v=spf1 -all");

        TlsRptDiscoveryResult result = await DiscoverAsync();

        Assert.That(result.Record!.Destinations.Single().MailAddress, Is.EqualTo("a@example.com"));
    }

    [Test]
    public async Task Case205_LowerCaseVersion_IsNotFound()
    {
        _server.AddTxt(RecordName, "v=tlsrptv1; rua=mailto:a@example.com");

        Assert.That((await DiscoverAsync()).Outcome, Is.EqualTo(TlsRptDiscoveryOutcome.NotFound));
    }

    [Test]
    public async Task Case206_SplitStrings_AreJoined()
    {
        _server.AddTxt(RecordName, "v=TLSRPTv1; rua=mailto:tls", "rpt@example.com");

        TlsRptDiscoveryResult result = await DiscoverAsync();

        Assert.That(result.Record!.Destinations.Single().MailAddress, Is.EqualTo("tlsrpt@example.com"));
    }

    [Test]
    public async Task Discover_Cname_IsFollowed()
    {
        _server.AddCname(RecordName, "_smtp._tls.provider.example");
        _server.AddTxt("_smtp._tls.provider.example", "v=TLSRPTv1; rua=https://reports.provider.example/");

        TlsRptDiscoveryResult result = await DiscoverAsync();

        Assert.That(result.Record!.Destinations.Single().IsHttps, Is.True);
    }

    [Test]
    public async Task Discover_NxDomain_IsNotFound()
    {
        TlsRptDiscoveryResult result = await DiscoverAsync();

        Assert.That(result.Outcome, Is.EqualTo(TlsRptDiscoveryOutcome.NotFound));
        Assert.That(result.Reason, Does.Contain("NXDOMAIN"));
    }

    [Test]
    public async Task Discover_ServFail_IsATemporaryFailure()
    {
        _server.SetResponseCode(RecordName, ReturnCode.ServerFailure);

        TlsRptDiscoveryResult result = await DiscoverAsync();

        Assert.That(result.Outcome, Is.EqualTo(TlsRptDiscoveryOutcome.DnsFailure));
        Assert.That(result.Reason, Does.Contain("SERVFAIL"));
    }

    [Test]
    public async Task Discover_InvalidRecord_CarriesItsDiagnostics()
    {
        _server.AddTxt(RecordName, "v=TLSRPTv1; rua=ftp://r.example.com/");

        TlsRptDiscoveryResult result = await DiscoverAsync();

        Assert.That(result.Outcome, Is.EqualTo(TlsRptDiscoveryOutcome.Invalid));
        Assert.That(result.Diagnostics.Select(d => d.Code), Does.Contain(TlsRptDiagnosticCodes.RuaNoDestination));
    }
}
