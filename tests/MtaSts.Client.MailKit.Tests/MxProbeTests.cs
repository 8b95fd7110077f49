using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Threading.Tasks;
using MtaSts.Client.Decision;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;
using MtaSts.Testing;
using NUnit.Framework;

namespace MtaSts.Client.MailKit.Tests;

/// <summary>The MX probe against the loopback servers: what it sees of each, and the decision it leads to.</summary>
[TestFixture]
public sealed class MxProbeTests
{
    private static MailLoopback Loopback => LoopbackSetUp.Loopback;

    [SetUp]
    public void ResetServers() => Loopback.Reset();

    private static Task<MxProbeResult> ProbeAsync(string host, LoopbackSmtpServer? server)
    {
        if (server is not null)
        {
            Loopback.Dns.AddAddress(host, Loopback.AddressOf(server));
        }

        var probe = new MxProbe(
            Loopback.CreateDnsClient(), new MxProbeOptions { LocalDomain = "probe.loopback.test" });
        return probe.ProbeAsync(host, Loopback.Port);
    }

    private static PolicyResolution Enforce(params string[] mx)
    {
        var domain = PolicyDomain.Create("example.com");
        var policy = MtaStsPolicy.Parse(Encoding.UTF8.GetBytes(TestMail.Enforce(mx)));
        return new PolicyResolution(domain, new CachedPolicy(domain, "A1", policy, DateTimeOffset.UtcNow),
            PolicySource.Fetched, ResolutionReason.Fetched, null, null);
    }

    [Test]
    public async Task ProbeAsync_ValidServer_CertificateChainAndNames()
    {
        MxProbeResult result = await ProbeAsync("mail.example.com", Loopback.Mail);

        Assert.That(result.IsReachable, Is.True, result.Error);
        Assert.That(result.ConnectedAddress, Is.EqualTo(Loopback.Mail.EndPoint.Address));
        Assert.That(result.Greeting, Does.StartWith("220 mx-mail.loopback.test"));
        Assert.That(result.GreetingHost, Is.EqualTo("mx-mail.loopback.test"));
        Assert.That(result.EhloHost, Is.EqualTo("mx-mail.loopback.test"));
        Assert.That(result.StartTlsOffered, Is.True);
        Assert.That(result.HandshakeSucceeded, Is.True);
        Assert.That(result.TlsProtocol, Is.AnyOf(SslProtocols.Tls12, SslProtocols.Tls13));
        Assert.That(result.Certificate!.DnsNames, Is.EqualTo(new[] { "mail.example.com" }));
        Assert.That(result.Certificate.Subject, Is.EqualTo("CN=mail.example.com"));
        Assert.That(result.Certificate.Issuer, Is.EqualTo(TestPki.Trusted.Intermediate.Subject));
        Assert.That(result.Certificate.NotAfter, Is.GreaterThan(DateTimeOffset.UtcNow));
        Assert.That(result.Chain.Select(sent => sent.Subject),
            Is.EqualTo(new[] { TestPki.Trusted.Intermediate.Subject }));
        Assert.That(Loopback.Mail.ServerNames, Is.EqualTo(new[] { "mail.example.com" }));
        Assert.That(Loopback.Mail.Messages, Is.Empty);
        Assert.That(result.CheckMx(MailLoopback.CreateChecker(), Enforce("mail.example.com"))!.Value.Verdict,
            Is.EqualTo(MxVerdict.Deliver));
    }

    [Test]
    public async Task ProbeAsync_ExpiredCertificate_Captured_DecidedExpired()
    {
        MxProbeResult result = await ProbeAsync("mail.example.com", Loopback.Expired);

        Assert.That(result.HandshakeSucceeded, Is.True, "the probe accepts whatever is presented");
        Assert.That(result.Certificate!.NotAfter, Is.LessThan(DateTimeOffset.UtcNow));
        MxDecision decision = result.CheckMx(MailLoopback.CreateChecker(), Enforce("mail.example.com"))!.Value;
        Assert.That(decision.ResultType, Is.EqualTo(ResultTypes.CertificateExpired));
    }

    [Test]
    public async Task ProbeAsync_NoStartTls_NoCertificate_DecidedStartTlsNotSupported()
    {
        MxProbeResult result = await ProbeAsync("mail.example.com", Loopback.Plain);

        Assert.That(result.IsReachable, Is.True);
        Assert.That(result.StartTlsOffered, Is.False);
        Assert.That(result.HandshakeSucceeded, Is.False);
        Assert.That(result.Certificate, Is.Null);
        Assert.That(result.TlsProtocol, Is.EqualTo(SslProtocols.None));
        Assert.That(result.EhloHost, Is.EqualTo("mx-plain.loopback.test"));
        MxDecision decision = result.CheckMx(MailLoopback.CreateChecker(), Enforce("mail.example.com"))!.Value;
        Assert.That(decision.ResultType, Is.EqualTo(ResultTypes.StartTlsNotSupported));
    }

    [Test]
    public async Task ProbeAsync_HandshakeBroken_OfferedButFailed()
    {
        MxProbeResult result = await ProbeAsync("mail.example.com", Loopback.Broken);

        Assert.That(result.StartTlsOffered, Is.True);
        Assert.That(result.HandshakeSucceeded, Is.False);
        Assert.That(result.HandshakeError, Is.Not.Null);
        Assert.That(result.Error, Does.Contain("handshake"));
        MxDecision decision = result.CheckMx(MailLoopback.CreateChecker(), Enforce("mail.example.com"))!.Value;
        Assert.That(decision.ReasonCode, Is.EqualTo(MxReasonCodes.HandshakeFailed));
    }

    [Test]
    public async Task ProbeAsync_NothingListening_Unreachable_NoDecision()
    {
        Loopback.Dns.AddAddress("mail.example.com", MailLoopback.Silent);

        MxProbeResult result = await ProbeAsync("mail.example.com", null);

        Assert.That(result.IsReachable, Is.False);
        Assert.That(result.Addresses, Is.EqualTo(new[] { IPAddress.Parse(MailLoopback.Silent) }));
        Assert.That(result.Error, Does.Contain(MailLoopback.Silent));
        Assert.That(result.CheckMx(MailLoopback.CreateChecker(), Enforce("mail.example.com")), Is.Null);
    }

    [Test]
    public async Task ProbeAsync_SessionBrokenBeforeEhlo_NoDecision()
    {
        const string Address = "127.0.0.250";
        using var listener = new TcpListener(IPAddress.Parse(Address), Loopback.Port);
        listener.Start();
        Task hangUp = Task.Run(async () =>
        {
            using TcpClient connection = await listener.AcceptTcpClientAsync();
            await connection.GetStream().WriteAsync("554 not today\r\n"u8.ToArray());
        });
        Loopback.Dns.AddAddress("mail.example.com", Address);

        MxProbeResult result = await ProbeAsync("mail.example.com", null);
        await hangUp;

        Assert.That(result.IsReachable, Is.True);
        Assert.That(result.StartTlsOffered, Is.False);
        Assert.That(result.Error, Is.Not.Null);
        Assert.That(result.CheckMx(MailLoopback.CreateChecker(), Enforce("mail.example.com")), Is.Null,
            "a session that never got to STARTTLS says nothing about TLS");
    }

    [Test]
    public async Task ProbeAsync_NoAddress_Unreachable()
    {
        MxProbeResult result = await ProbeAsync("missing.example.com", null);

        Assert.That(result.IsReachable, Is.False);
        Assert.That(result.Addresses, Is.Empty);
        Assert.That(result.Error, Does.Contain("no A or AAAA"));
    }

    [Test]
    public async Task ProbeAsync_HostTheSystemResolvesElsewhere_ConnectsWhereTheDnsClientSays()
    {
        // The system resolver has localhost at 127.0.0.1, where nothing listens on this port.
        MxProbeResult result = await ProbeAsync("localhost", Loopback.Mail);

        Assert.That(result.ConnectedAddress, Is.EqualTo(Loopback.Mail.EndPoint.Address), result.Error);
        Assert.That(result.Addresses, Is.EqualTo(new[] { Loopback.Mail.EndPoint.Address }));
        Assert.That(Loopback.Mail.Connections, Is.EqualTo(1));
        Assert.That(Loopback.Mail.ServerNames, Is.EqualTo(new[] { "localhost" }));
    }

    [TestCase(0)]
    [TestCase(65536)]
    public void ProbeAsync_PortOutOfRange_Throws(int port)
    {
        var probe = new MxProbe(Loopback.CreateDnsClient());

        Assert.That(() => probe.ProbeAsync("mail.example.com", port),
            Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Options_TimeoutsOutOfRange_NamedTogether() =>
        Assert.That(
            new MxProbeOptions { ConnectTimeout = TimeSpan.Zero, Timeout = TimeSpan.FromSeconds(-1) }.Validate,
            Throws.ArgumentException.With.Message.Contains("ConnectTimeout").And.Message.Contains("Timeout is"));
}
