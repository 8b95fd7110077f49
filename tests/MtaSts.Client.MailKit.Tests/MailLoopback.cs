using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using MailKit.Net.Smtp;
using Microsoft.AspNetCore.Http;
using MtaSts.Client.Decision;
using MtaSts.Client.Discovery;
using MtaSts.Client.Resolution;
using MtaSts.Testing;

namespace MtaSts.Client.MailKit.Tests;

/// <summary>
/// Everything a delivery touches, on loopback: a DNS server, the Policy Hosts (one Kestrel server
/// whose certificate names <c>mta-sts.example.com</c> and <c>mta-sts.relay.example.org</c>), and
/// one SMTP server per role, each on its own address in 127/8 at one common port. Which host name
/// reaches which server is up to each test's DNS zone.
/// </summary>
public sealed class MailLoopback : IAsyncDisposable
{
    public const string PolicyHost = "mta-sts.example.com";
    public const string RelayPolicyHost = "mta-sts.relay.example.org";

    private readonly ConcurrentDictionary<string, string> _policies = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HttpClient> _clients = new();

    private MailLoopback(
        LoopbackDnsServer dns,
        PolicyHostServer policyHost,
        int port,
        IReadOnlyList<LoopbackSmtpServer> servers)
    {
        Dns = dns;
        PolicyHostServer = policyHost;
        Port = port;
        Servers = servers;
    }

    public LoopbackDnsServer Dns { get; }

    public PolicyHostServer PolicyHostServer { get; }

    /// <summary>Gets the port every SMTP server listens on.</summary>
    public int Port { get; }

    public IReadOnlyList<LoopbackSmtpServer> Servers { get; }

    /// <summary>Valid, trusted, for <c>mail.example.com</c>.</summary>
    public LoopbackSmtpServer Mail => Servers[0];

    /// <summary>Valid, trusted, for <c>backup.example.com</c>.</summary>
    public LoopbackSmtpServer Backup => Servers[1];

    /// <summary>Expired yesterday, for <c>mail.example.com</c>.</summary>
    public LoopbackSmtpServer Expired => Servers[2];

    /// <summary>Valid and trusted, but for <c>other.example.net</c> only.</summary>
    public LoopbackSmtpServer WrongName => Servers[3];

    /// <summary>Self-signed, for <c>mail.example.com</c>.</summary>
    public LoopbackSmtpServer SelfSigned => Servers[4];

    /// <summary>Offers no STARTTLS.</summary>
    public LoopbackSmtpServer Plain => Servers[5];

    /// <summary>Valid, trusted, for <c>mx.other.example</c>, which no policy lists.</summary>
    public LoopbackSmtpServer Other => Servers[6];

    /// <summary>Valid, trusted, for the smart host <c>relay.example.org</c>.</summary>
    public LoopbackSmtpServer Relay => Servers[7];

    /// <summary>Valid, trusted, for <c>mx.newprovider.example</c>.</summary>
    public LoopbackSmtpServer NewProvider => Servers[8];

    /// <summary>Offers STARTTLS and answers it with something that is not TLS.</summary>
    public LoopbackSmtpServer Broken => Servers[9];

    /// <summary>An address in 127/8 where nothing listens.</summary>
    public static string Silent => "127.0.0.40";

    public static async Task<MailLoopback> StartAsync()
    {
        LoopbackDnsServer dns = LoopbackDnsServer.Start();
        MailLoopback? loopback = null;
        PolicyHostServer policyHost = await PolicyHostServer.StartAsync(
            TestPki.Trusted.Leaf(PolicyHost, RelayPolicyHost), context => ServePolicyAsync(loopback!, context));

        DateTimeOffset now = DateTimeOffset.UtcNow;
        (string Name, ServerCertificate? Certificate)[] roles =
        [
            ("mx-mail.loopback.test", TestPki.Trusted.Leaf("mail.example.com")),
            ("mx-backup.loopback.test", TestPki.Trusted.Leaf("backup.example.com")),
            ("mx-expired.loopback.test", TestPki.Trusted.Leaf(new LeafSpec
            {
                DnsNames = ["mail.example.com"],
                NotBefore = now.AddDays(-30),
                NotAfter = now.AddDays(-1),
            })),
            ("mx-wrong-name.loopback.test", TestPki.Trusted.Leaf("other.example.net")),
            ("mx-self-signed.loopback.test", TestPki.SelfSigned("mail.example.com")),
            ("mx-plain.loopback.test", null),
            ("mx-other.loopback.test", TestPki.Trusted.Leaf("mx.other.example")),
            ("mx-relay.loopback.test", TestPki.Trusted.Leaf("relay.example.org")),
            ("mx-new.loopback.test", TestPki.Trusted.Leaf("mx.newprovider.example")),
            ("mx-broken.loopback.test", TestPki.Trusted.Leaf("mail.example.com")),
        ];

        IPAddress[] addresses = Enumerable.Range(0, roles.Length).Select(AddressOf).ToArray();
        (int port, LoopbackSmtpServer[] servers) = await LoopbackSmtpServer.StartOnOnePortAsync(addresses, roles);
        servers[9].FailHandshake = true;
        loopback = new MailLoopback(dns, policyHost, port, servers);
        return loopback;
    }

    /// <summary>The address of the server at <paramref name="index"/>: 127.0.0.2 onwards.</summary>
    public static IPAddress AddressOf(int index) => IPAddress.Parse($"127.0.0.{index + 2}");

    public string AddressOf(LoopbackSmtpServer server) => server.EndPoint.Address.ToString();

    /// <summary>Back to an empty zone, no policies and servers that record nothing yet.</summary>
    public void Reset()
    {
        Dns.Reset();
        Dns.AddAddress(PolicyHost, "127.0.0.1");
        Dns.AddAddress(RelayPolicyHost, "127.0.0.1");
        PolicyHostServer.Reset();
        _policies.Clear();
        foreach (LoopbackSmtpServer server in Servers)
        {
            server.Reset();
        }

        Broken.FailHandshake = true;
    }

    /// <summary>
    /// Publishes a policy: the TXT record with <paramref name="id"/> and the body on the Policy Host.
    /// </summary>
    public void Publish(string domain, string id, string body)
    {
        Dns.ReplaceTxt("_mta-sts." + domain, 60, $"v=STSv1; id={id};");
        _policies["mta-sts." + domain] = body;
    }

    /// <summary>
    /// An MX record for <paramref name="domain"/>, and the A record that sends its host to <paramref
    /// name="server"/>.
    /// </summary>
    public void AddMx(string domain, int preference, string host, LoopbackSmtpServer server)
    {
        Dns.AddMx(domain, preference, host);
        Dns.AddAddress(host, AddressOf(server));
    }

    /// <summary>
    /// Everything the sender needs, over this loopback: one DNS client for all lookups, the resolver, the
    /// checker.
    /// </summary>
    public MtaStsSmtpSender CreateSender(out MtaStsPolicyResolver resolver, Func<SmtpClient>? clientFactory = null)
    {
        MtaStsDnsClient dns = CreateDnsClient();
        resolver = CreateResolver(dns);
        var options = new MtaStsSenderOptions
        {
            Port = Port,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            ClientFactory = clientFactory
                ?? (() => new SmtpClient { LocalDomain = "sender.loopback.test", Timeout = 20_000 }),
        };
        return new MtaStsSmtpSender(resolver, dns, CreateChecker(), options);
    }

    public MtaStsDnsClient CreateDnsClient()
    {
        var options = new MtaStsDnsOptions
        {
            MaximumCacheTime = TimeSpan.Zero,
            Retries = 0,
            Timeout = TimeSpan.FromSeconds(5),
        };
        options.Servers.Add(Dns.EndPoint);
        return new MtaStsDnsClient(options);
    }

    public MtaStsPolicyResolver CreateResolver(MtaStsDnsClient dns)
    {
        var fetchOptions = new PolicyFetchOptions
        {
            AllowPrivateAddresses = true,
            ConnectPort = PolicyHostServer.Port,
            Timeout = TimeSpan.FromSeconds(20),
        };
        fetchOptions.TrustRoots.Add(TestPki.PublicPart(TestPki.Trusted.Root));
        var client = new HttpClient(PolicyFetcher.CreateHandler(dns, fetchOptions));
        lock (_clients)
        {
            _clients.Add(client);
        }

        return new MtaStsPolicyResolver(dns, new PolicyFetcher(client, fetchOptions));
    }

    /// <summary>A checker that trusts the test PKI's root alone.</summary>
    public static MxChecker CreateChecker()
    {
        var options = new MxCertificateOptions();
        options.TrustRoots.Add(TestPki.PublicPart(TestPki.Trusted.Root));
        return new MxChecker(options);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (LoopbackSmtpServer server in Servers)
        {
            await server.DisposeAsync();
        }

        await PolicyHostServer.DisposeAsync();
        Dns.Dispose();
        lock (_clients)
        {
            _clients.ForEach(client => client.Dispose());
        }
    }

    private static async Task ServePolicyAsync(MailLoopback loopback, HttpContext context)
    {
        if (!loopback._policies.TryGetValue(context.Request.Host.Host, out string? body))
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body));
    }
}
