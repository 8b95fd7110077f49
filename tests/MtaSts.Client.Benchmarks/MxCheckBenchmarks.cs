using System;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using MtaSts.Client.Decision;
using MtaSts.Client.Policies;
using MtaSts.Testing;

namespace MtaSts.Client.Benchmarks;

/// <summary>
/// <see cref="MxChecker.CheckMxForPolicy"/> on a valid certificate: with the chain already known
/// (the pattern and name checks only), and with the chain built every time (the cache off).
/// </summary>
[MemoryDiagnoser]
public class MxCheckBenchmarks
{
    private readonly MtaStsPolicy _policy = MtaStsPolicy.Parse(
        "version: STSv1\nmode: enforce\nmx: mail.example.com\nmx: backup.example.com\nmx: *.example.net\nmax_age: 604800\n"u8);

    private MxChecker _cached = null!;
    private MxChecker _uncached = null!;
    private X509Certificate2 _leaf = null!;
    private X509Chain _chain = null!;

    [GlobalSetup]
    public void Setup()
    {
        ServerCertificate server = TestPki.Trusted.Leaf("mx1.example.net");
        _leaf = TestPki.PublicPart(server.Leaf);
        _chain = new X509Chain();
        _chain.ChainPolicy.ExtraStore.Add(TestPki.PublicPart(TestPki.Trusted.Intermediate));
        _cached = Create(MxCertificateOptions.DefaultChainCacheCapacity);
        _uncached = Create(0);

        foreach (MxChecker checker in new[] { _cached, _uncached })
        {
            MxDecision decision = checker.CheckMxForPolicy(_policy, "mx1.example.net", _leaf, _chain);
            if (decision.Verdict != MxVerdict.Deliver)
            {
                throw new InvalidOperationException($"The benchmark certificate is not accepted: {decision}");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _chain.Dispose();
        _leaf.Dispose();
    }

    [Benchmark(Description = "CheckMx, chain known (wildcard pattern, DNS-ID)")]
    public MxVerdict ChainKnown() => _cached.CheckMxForPolicy(_policy, "mx1.example.net", _leaf, _chain).Verdict;

    [Benchmark(Description = "CheckMx, chain built (X509Chain, offline)")]
    public MxVerdict ChainBuilt() => _uncached.CheckMxForPolicy(_policy, "mx1.example.net", _leaf, _chain).Verdict;

    private static MxChecker Create(int cacheCapacity)
    {
        var options = new MxCertificateOptions { ChainCacheCapacity = cacheCapacity };
        options.TrustRoots.Add(TestPki.PublicPart(TestPki.Trusted.Root));
        return new MxChecker(options);
    }
}
