using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;

namespace MtaSts.Client.Benchmarks;

/// <summary>
/// Discovering domains the resolver has never seen, against real DNS and HTTPS servers on loopback:
/// for each domain the TXT query, the Policy Host's A and AAAA queries, a TCP connection, a TLS
/// handshake with the certificate checks, the GET and the parse. Domains are taken one after
/// another or several at a time; the time reported is per domain.
/// </summary>
public class ResolverColdDiscoveryBenchmarks
{
    private const int Domains = 100;

    private LoopbackPolicyDomains _servers = null!;
    private PolicyDomain[] _domains = null!;
    private MtaStsPolicyResolver _resolver = null!;
    private HttpClient? _client;

    /// <summary>Gets or sets how many discoveries run at once.</summary>
    [Params(1, 10)]
    public int Concurrency { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _servers = LoopbackPolicyDomains.Start();

        // Once outside the measurements, to show that every domain really is discovered anew.
        NewDomains();
        DiscoverAsync().GetAwaiter().GetResult();
        _servers.VerifyEachDiscoveredOnce(_domains);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client?.Dispose();
        _servers.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [IterationSetup]
    public void NewDomains()
    {
        _client?.Dispose();
        _domains = _servers.PublishNew(Domains);
        (_resolver, _client) = _servers.CreateResolver();
    }

    [Benchmark(Description = "cold discovery, per domain", OperationsPerInvoke = Domains)]
    public async Task DiscoverAsync()
    {
        int next = -1;
        var workers = new Task[Concurrency];
        for (int i = 0; i < workers.Length; i++)
        {
            workers[i] = DiscoverNextAsync();
        }

        await Task.WhenAll(workers);

        async Task DiscoverNextAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < _domains.Length)
            {
                PolicyResolution resolution = await _resolver.ResolveAsync(_domains[index]);
                if (resolution.Source != PolicySource.Fetched)
                {
                    throw new InvalidOperationException(
                        $"Not fetched: {resolution}; {resolution.FetchFailure?.Message}");
                }
            }
        }
    }
}
