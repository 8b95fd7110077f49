using BenchmarkDotNet.Attributes;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Benchmarks;

/// <summary>Selecting and reading the <c>_mta-sts</c> record from a TXT answer.</summary>
[MemoryDiagnoser]
public class RecordParserBenchmarks
{
    private static readonly string[][] s_answer =
    [
        ["v=spf1 -all"],
        ["v=STSv1; id=20160831085700Z;"],
    ];

    [Benchmark(Description = "one record")]
    public RecordParseResult Parse() => RecordParser.Parse("v=STSv1; id=20160831085700Z;");

    [Benchmark(Description = "select from two TXT records")]
    public RecordParseResult Select() => RecordParser.Select(s_answer);
}
