using System.Net.Http;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;

namespace MtaSts.Client.Benchmarks;

/// <summary>
/// What the loopback resolver benchmarks share: the servers, new domains and a resolver with nothing
/// cached for every iteration, and one run outside the measurements that proves each domain is
/// discovered anew (one TXT query, one TLS handshake, one GET each).
/// </summary>
public abstract class LoopbackResolverBenchmark
{
    private LoopbackPolicyDomains _servers = null!;
    private HttpClient? _client;

    /// <summary>Gets the domains of this iteration, none of them known to <see cref="Resolver"/>.</summary>
    protected PolicyDomain[] Domains { get; private set; } = null!;

    protected MtaStsPolicyResolver Resolver { get; private set; } = null!;

    /// <summary>Gets how many new domains one iteration uses.</summary>
    protected abstract int DomainsPerIteration { get; }

    [GlobalSetup]
    public void Setup()
    {
        _servers = LoopbackPolicyDomains.Start();
        NewDomains();
        RunOnceAsync().GetAwaiter().GetResult();
        _servers.VerifyEachDiscoveredOnce(Domains);
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
        Domains = _servers.PublishNew(DomainsPerIteration);
        (MtaStsPolicyResolver resolver, HttpClient client) = _servers.CreateResolver();
        Resolver = resolver;
        _client = client;
    }

    /// <summary>The measured work, run once in setup to check it.</summary>
    protected abstract Task RunOnceAsync();
}
