using System.Text;
using BenchmarkDotNet.Attributes;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Benchmarks;

/// <summary>Parsing cost for a typical policy and for hostile bodies at the 64 KiB limit.</summary>
[MemoryDiagnoser]
public class PolicyParserBenchmarks
{
    private static readonly byte[] s_typical =
        "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmax_age: 604800\r\n"u8.ToArray();

    private static readonly byte[] s_manyMxLines = HostileBodies.ManyMxLines();
    private static readonly byte[] s_oneLongLine = HostileBodies.OneLongLine();
    private static readonly byte[] s_blankLines = HostileBodies.BlankLines();

    [Benchmark(Baseline = true, Description = "typical policy (4 fields, ~120 bytes)")]
    public PolicyParseResult Typical() => PolicyParser.Parse(s_typical);

    [Benchmark(Description = "64 KiB: ~3,000 mx lines")]
    public PolicyParseResult ManyMxLines() => PolicyParser.Parse(s_manyMxLines);

    [Benchmark(Description = "64 KiB: one line")]
    public PolicyParseResult OneLongLine() => PolicyParser.Parse(s_oneLongLine);

    [Benchmark(Description = "64 KiB: blank lines")]
    public PolicyParseResult BlankLines() => PolicyParser.Parse(s_blankLines);

    [Benchmark(Description = "64 KiB: blank lines, strict")]
    public PolicyParseResult BlankLinesStrict() => PolicyParser.Parse(s_blankLines, ParsingProfile.Strict);
}

internal static class HostileBodies
{
    public static byte[] ManyMxLines()
    {
        var text = new StringBuilder("version: STSv1\nmode: enforce\nmax_age: 604800\n");
        for (int i = 0; text.Length < PolicyParser.MaxBodyLength - 32; i++)
        {
            text.Append("mx: mx").Append(i).Append(".example.com\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    public static byte[] OneLongLine()
    {
        string prefix = "version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 604800\ncomment: ";
        return Encoding.ASCII.GetBytes(prefix + new string('a', PolicyParser.MaxBodyLength - prefix.Length));
    }

    public static byte[] BlankLines()
    {
        string policy = "version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 604800\n";
        return Encoding.ASCII.GetBytes(policy + new string('\n', PolicyParser.MaxBodyLength - policy.Length));
    }
}
