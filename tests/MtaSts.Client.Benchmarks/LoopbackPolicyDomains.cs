using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;
using MtaSts.Testing;

namespace MtaSts.Client.Benchmarks;

/// <summary>
/// A DNS server and a Policy Host on 127.0.0.1 that publish MTA-STS for batches of domains nobody
/// has asked about yet: each domain has its own TXT and A records, and the certificate the Policy
/// Host presents names every Policy Host of the batch. New names every batch keep anything from
/// being reused, down to TLS sessions, which are kept per host name.
/// </summary>
internal sealed class LoopbackPolicyDomains : IAsyncDisposable
{
    private int _published;

    private LoopbackPolicyDomains(LoopbackDnsServer dns, PolicyHostServer host)
    {
        Dns = dns;
        Host = host;
    }

    public LoopbackDnsServer Dns { get; }

    public PolicyHostServer Host { get; }

    public static LoopbackPolicyDomains Start()
    {
        LoopbackDnsServer dns = LoopbackDnsServer.Start();
        PolicyHostServer host = PolicyHostServer
            .StartAsync(TestPki.Trusted.Leaf("mta-sts.nothing-yet.example"), PolicyAnswer.ServeAsync)
            .GetAwaiter().GetResult();
        return new LoopbackPolicyDomains(dns, host);
    }

    /// <summary>
    /// Replaces the zone and the certificate with <paramref name="count"/> new domains, and forgets
    /// what the servers recorded so far.
    /// </summary>
    public PolicyDomain[] PublishNew(int count)
    {
        Dns.Reset();
        Host.Reset();
        var domains = new PolicyDomain[count];
        for (int i = 0; i < count; i++)
        {
            domains[i] = PolicyDomain.Create($"d{++_published:D6}.example");
            Dns.AddTxt(domains[i].RecordName, 3600, $"v=STSv1; id={_published};");
            Dns.AddAddress(domains[i].PolicyHost, "127.0.0.1");
        }

        ServerCertificate certificate = TestPki.Trusted.Leaf([.. domains.Select(domain => domain.PolicyHost)]);

        // Built now, not inside the first handshake of the measured batch.
        _ = certificate.Context;
        Host.Certificate = certificate;
        return domains;
    }

    /// <summary>
    /// A resolver with nothing cached anywhere: its own store, DnsClient cache and HTTP connection
    /// pools. It checks the Policy Host's certificate against the test PKI only.
    /// </summary>
    public (MtaStsPolicyResolver Resolver, HttpClient Client) CreateResolver()
    {
        var dnsOptions = new MtaStsDnsOptions();
        dnsOptions.Servers.Add(Dns.EndPoint);
        var dns = new MtaStsDnsClient(dnsOptions);

        var fetchOptions = new PolicyFetchOptions { AllowPrivateAddresses = true, ConnectPort = Host.Port };
        fetchOptions.TrustRoots.Add(TestPki.PublicPart(TestPki.Trusted.Root));
        var client = new HttpClient(PolicyFetcher.CreateHandler(dns, fetchOptions));
        return (new MtaStsPolicyResolver(dns, new PolicyFetcher(client, fetchOptions)), client);
    }

    /// <summary>
    /// Checks that discovering <paramref name="domains"/> asked DNS once for each record, and made
    /// one TLS handshake and one GET for each Policy Host.
    /// </summary>
    public void VerifyEachDiscoveredOnce(PolicyDomain[] domains)
    {
        string[] expected = [.. domains.Select(domain => domain.PolicyHost).Order(StringComparer.Ordinal)];
        string[] handshakes = [.. Host.ServerNames.Order(StringComparer.Ordinal)];
        string[] requests = [.. Host.Requests.Select(request => request.Host).Order(StringComparer.Ordinal)];
        int txtQueries = Dns.Queries.Count(query => query.EndsWith(" TXT", StringComparison.Ordinal));
        if (!handshakes.SequenceEqual(expected) || !requests.SequenceEqual(expected)
            || Host.Connections != domains.Length || txtQueries != domains.Length)
        {
            throw new InvalidOperationException(
                $"{domains.Length} domains took {handshakes.Length} TLS handshakes, {Host.Connections} "
                + $"connections, {requests.Length} GETs and {txtQueries} TXT queries; one each was expected.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Dns.Dispose();
        await Host.DisposeAsync();
    }
}
