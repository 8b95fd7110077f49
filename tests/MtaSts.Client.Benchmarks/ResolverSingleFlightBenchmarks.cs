using System;
using System.Linq;
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
public class ResolverSingleFlightBenchmarks : LoopbackResolverBenchmark
{
    private const int Callers = 1000;
    private const int Batches = 40;

    protected override int DomainsPerIteration => Batches;

    protected override Task RunOnceAsync() => ThousandCallersAsync();

    [Benchmark(Description = "1,000 concurrent resolutions of a new domain", OperationsPerInvoke = Batches)]
    public async Task ThousandCallersAsync()
    {
        foreach (PolicyDomain domain in Domains)
        {
            PolicyResolution[] all = await Task.WhenAll(Enumerable.Range(0, Callers)
                .Select(_ => Task.Run(() => Resolver.ResolveAsync(domain).AsTask())));

            CachedPolicy? applied = all[0].Applied;
            if (applied is null || all.Any(resolution => resolution.Applied != applied))
            {
                throw new InvalidOperationException($"Not every caller got the fetched policy: {all[0]}");
            }
        }
    }
}
