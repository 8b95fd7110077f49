using BenchmarkDotNet.Attributes;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Benchmarks;

/// <summary>Matching an MX host against a policy with three patterns.</summary>
[MemoryDiagnoser]
public class MxMatchingBenchmarks
{
    private readonly MtaStsPolicy _policy = MtaStsPolicy.Parse(
        "version: STSv1\nmode: enforce\nmx: mail.example.com\nmx: backup.example.com\nmx: *.example.net\nmax_age: 604800\n"u8);

    [Benchmark(Description = "exact match, first pattern")]
    public bool FirstPattern() => _policy.Matches("mail.example.com");

    [Benchmark(Description = "wildcard match, third pattern")]
    public bool Wildcard() => _policy.Matches("mx1.example.net");

    [Benchmark(Description = "no match")]
    public bool NoMatch() => _policy.Matches("mx.attacker.example");

    [Benchmark(Description = "trailing dot, mixed case")]
    public bool TrailingDot() => _policy.Matches("MX1.Example.NET.");
}
