using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;

namespace MtaSts.Client.Benchmarks;

/// <summary>
/// A thousand deliveries to one domain the resolver has never seen, all at once, against real DNS
/// and HTTPS servers on loopback: they share one discovery (one TXT query, one TLS handshake, one
/// GET), so a batch costs about one cold discovery plus the waiting. The time reported is per batch;
/// each batch has a domain of its own, and each iteration a resolver with nothing cached.
/// </summary>
public class ResolverSingleFlightBenchmarks
{
    private const int Callers = 1000;
    private const int Batches = 40;

    private LoopbackPolicyDomains _servers = null!;
    private PolicyDomain[] _domains = null!;
    private MtaStsPolicyResolver _resolver = null!;
    private HttpClient? _client;

    [GlobalSetup]
    public void Setup()
    {
        _servers = LoopbackPolicyDomains.Start();

        // Once outside the measurements, to show that each batch is what it claims to be.
        NewDomains();
        ThousandCallersAsync().GetAwaiter().GetResult();
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
        _domains = _servers.PublishNew(Batches);
        (_resolver, _client) = _servers.CreateResolver();
    }

    [Benchmark(Description = "1,000 concurrent resolutions of a new domain", OperationsPerInvoke = Batches)]
    public async Task ThousandCallersAsync()
    {
        foreach (PolicyDomain domain in _domains)
        {
            PolicyResolution[] all = await Task.WhenAll(Enumerable.Range(0, Callers)
                .Select(_ => Task.Run(() => _resolver.ResolveAsync(domain).AsTask())));

            CachedPolicy? applied = all[0].Applied;
            if (applied is null || all.Any(resolution => resolution.Applied != applied))
            {
                throw new InvalidOperationException($"Not every caller got the fetched policy: {all[0]}");
            }
        }
    }
}
