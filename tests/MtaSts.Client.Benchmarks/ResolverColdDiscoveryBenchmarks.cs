using System;
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
public class ResolverColdDiscoveryBenchmarks : LoopbackResolverBenchmark
{
    private const int DomainCount = 100;

    /// <summary>Gets or sets how many discoveries run at once.</summary>
    [Params(1, 10)]
    public int Concurrency { get; set; }

    protected override int DomainsPerIteration => DomainCount;

    protected override Task RunOnceAsync() => DiscoverAsync();

    [Benchmark(Description = "cold discovery, per domain", OperationsPerInvoke = DomainCount)]
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
            while ((index = Interlocked.Increment(ref next)) < Domains.Length)
            {
                PolicyResolution resolution = await Resolver.ResolveAsync(Domains[index]);
                if (resolution.Source != PolicySource.Fetched)
                {
                    throw new InvalidOperationException(
                        $"Not fetched: {resolution}; {resolution.FetchFailure?.Message}");
                }
            }
        }
    }
}
