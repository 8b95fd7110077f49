using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using MtaSts.Testing;

namespace MtaSts.Cli.Tests;

/// <summary>
/// The MX hosts <c>mtasts check</c> probes in the tests: one SMTP server per role, each on its own
/// address in 127/8 at one common port, an address there where nothing listens, and one where a
/// server accepts connections and never says a word. Which host name reaches which address is up to
/// each test's DNS zone.
/// </summary>
internal sealed class MxServers : IAsyncDisposable
{
    // Clear of the addresses other test projects use, which may run at the same time.
    private const int FirstAddress = 50;

    private MxServers(int port, IReadOnlyList<LoopbackSmtpServer> servers, TcpListener mute)
    {
        Port = port;
        Servers = servers;
        Mute = mute;
    }

    /// <summary>Gets the port every server listens on, which the check is told with --smtp-port.</summary>
    public int Port { get; }

    public IReadOnlyList<LoopbackSmtpServer> Servers { get; }

    /// <summary>Valid, trusted, for <c>mail.example.com</c>.</summary>
    public LoopbackSmtpServer Mail => Servers[0];

    /// <summary>Valid, trusted, for <c>backup.example.net</c>, which <c>*.example.net</c> covers.</summary>
    public LoopbackSmtpServer Backup => Servers[1];

    /// <summary>Trusted, for <c>mail.example.com</c>, expired yesterday.</summary>
    public LoopbackSmtpServer Expired => Servers[2];

    /// <summary>Valid and trusted, but for <c>other.example.org</c> only.</summary>
    public LoopbackSmtpServer WrongName => Servers[3];

    /// <summary>Offers no STARTTLS.</summary>
    public LoopbackSmtpServer Plain => Servers[4];

    /// <summary>Valid, trusted, for <c>mx.other.example</c>, which the policy does not list.</summary>
    public LoopbackSmtpServer Other => Servers[5];

    /// <summary>Valid, trusted, for <c>example.com</c> itself, the implicit MX host.</summary>
    public LoopbackSmtpServer Apex => Servers[6];

    /// <summary>Gets a listener that accepts connections and never sends a greeting.</summary>
    public TcpListener Mute { get; }

    /// <summary>Gets the address of <see cref="Mute"/>.</summary>
    public string MuteAddress => ((IPEndPoint)Mute.LocalEndpoint).Address.ToString();

    /// <summary>Gets an address in 127/8 where nothing listens.</summary>
    public static string Silent => AddressOf(20).ToString();

    public static async Task<MxServers> StartAsync()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        (string Name, ServerCertificate? Certificate)[] roles =
        [
            ("mx-mail.loopback.test", TestPki.Trusted.Leaf("mail.example.com")),
            ("mx-backup.loopback.test", TestPki.Trusted.Leaf("backup.example.net")),
            ("mx-expired.loopback.test", TestPki.Trusted.Leaf(new LeafSpec
            {
                DnsNames = ["mail.example.com"],
                NotBefore = now.AddDays(-30),
                NotAfter = now.AddDays(-1),
            })),
            ("mx-wrong-name.loopback.test", TestPki.Trusted.Leaf("other.example.org")),
            ("mx-plain.loopback.test", null),
            ("mx-other.loopback.test", TestPki.Trusted.Leaf("mx.other.example")),
            ("mx-apex.loopback.test", TestPki.Trusted.Leaf("example.com")),
        ];

        // The last address, free on the same port, is the mute listener's.
        IPAddress[] addresses = Enumerable.Range(0, roles.Length + 1).Select(AddressOf).ToArray();
        (int port, LoopbackSmtpServer[] servers) = await LoopbackSmtpServer.StartOnOnePortAsync(addresses, roles);
        var mute = new TcpListener(addresses[roles.Length], port);
        mute.Start();
        return new MxServers(port, servers, mute);
    }

    /// <summary>The address of the server at <paramref name="index"/>.</summary>
    public static IPAddress AddressOf(int index) => IPAddress.Parse($"127.0.0.{FirstAddress + index}");

    public static string AddressOf(LoopbackSmtpServer server) => server.EndPoint.Address.ToString();

    /// <summary>Servers that have recorded nothing yet.</summary>
    public void Reset()
    {
        foreach (LoopbackSmtpServer server in Servers)
        {
            server.Reset();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Connections the mute listener holds in its backlog close with it.
        Mute.Dispose();
        foreach (LoopbackSmtpServer server in Servers)
        {
            await server.DisposeAsync();
        }
    }
}
