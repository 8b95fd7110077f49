using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using MtaSts.Client.Policies;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Fuzzing;

/// <summary>
/// Random and mutated input for both parsers: whatever arrives from DNS or HTTPS gets an answer,
/// never an exception, and a valid policy means the same thing when its own lines are read again.
/// </summary>
[TestFixture]
public sealed class ParserFuzzTests
{
    private const int Seed = 8461;

    private static readonly string[] s_validPolicies =
    [
        "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmax_age: 604800\r\n",
        "version: STSv1\nmode: testing\nmx: mx1.example.org\nmax_age: 86400",
        "version: STSv1\nmode: none\nmax_age: 0\n",
        "max_age: 31557600\nmx: *.xn--bcher-kva.example\nmode: enforce\nversion: STSv1\ncomment: Grüße aus Köln\n",
    ];

    private static readonly string[] s_validRecords =
    [
        "v=STSv1; id=20160831085700Z;",
        "v=STSv1;id=abc123",
        "v=STSv1 ; id=a; ext.name_1=Q~!",
        "v=STSv1;\t id=0123456789abcdefABCDEF0123456789 \t;",
    ];

    // Bytes that sit on the grammar's edges: terminators, delimiters, white space, controls,
    // the start of multi-byte UTF-8, and bytes that are never valid UTF-8.
    private static readonly byte[] s_edgeBytes =
        [(byte)'\r', (byte)'\n', (byte)':', (byte)';', (byte)'=', (byte)' ', (byte)'\t', (byte)'.', (byte)'*',
         (byte)'-', (byte)'_', 0x00, 0x01, 0x7F, 0x80, 0xC3, 0xE2, 0xEF, 0xF0, 0xFF];

    [Test]
    public void PolicyParser_HundredThousandHostileBodies_AlwaysAnswers()
    {
        var random = new Random(Seed);
        int inputs = 0;

        for (int i = 0; i < 60_000; i++, inputs++)
        {
            byte[] valid = Encoding.UTF8.GetBytes(s_validPolicies[random.Next(s_validPolicies.Length)]);
            CheckPolicy(Mutate(valid, random), random);
        }

        for (int i = 0; i < 40_000; i++, inputs++)
        {
            CheckPolicy(RandomBytes(random, random.Next(0, 300)), random);
        }

        for (int i = 0; i < 300; i++, inputs++)
        {
            CheckPolicy(LargeBody(random), random);
        }

        Assert.That(inputs, Is.GreaterThanOrEqualTo(100_000));
    }

    [Test]
    public void RecordParser_HundredThousandHostileRecords_AlwaysAnswers()
    {
        var random = new Random(Seed);
        int inputs = 0;

        for (int i = 0; i < 60_000; i++, inputs++)
        {
            byte[] valid = Encoding.ASCII.GetBytes(s_validRecords[random.Next(s_validRecords.Length)]);
            CheckRecord(Encoding.Latin1.GetString(Mutate(valid, random)));
        }

        for (int i = 0; i < 30_000; i++, inputs++)
        {
            CheckRecord(Encoding.Latin1.GetString(RandomBytes(random, random.Next(0, 120))));
        }

        for (int i = 0; i < 10_000; i++, inputs++)
        {
            CheckSelection(RandomAnswer(random));
        }

        Assert.That(inputs, Is.GreaterThanOrEqualTo(100_000));
    }

    private static void CheckPolicy(byte[] body, Random random)
    {
        ParsingProfile profile = random.Next(2) == 0 ? ParsingProfile.Sender : ParsingProfile.Strict;
        PolicyParseResult result = PolicyParser.Parse(body, profile);

        int lineCount = body.Count(b => b == (byte)'\n') + 1;
        foreach (ParseDiagnostic diagnostic in result.Diagnostics)
        {
            if (diagnostic.Line is int line && (line < 1 || line > lineCount))
            {
                Assert.Fail($"Diagnostic {diagnostic} names line {line} of a body with {lineCount} lines.");
            }
        }

        if (result.IsValid != (result.Errors.Count == 0))
        {
            Assert.Fail($"Validity {result.IsValid} disagrees with {result.Errors.Count} errors.");
        }

        // At most 100 errors and 100 warnings are listed, each cap with one line counting the rest,
        // and an invalid policy always lists an error that says why.
        if (result.Errors.Count > 101 || result.Warnings.Count > 101)
        {
            Assert.Fail($"{result.Errors.Count} errors and {result.Warnings.Count} warnings listed; both are meant to be capped.");
        }

        if (!result.IsValid && !result.Errors.Any(e => e.Code != DiagnosticCodes.TooManyDiagnostics))
        {
            Assert.Fail("An invalid policy lists no error that says why.");
        }

        if (result.Policy is MtaStsPolicy policy)
        {
            CheckReparse(policy, profile);
        }
    }

    private static void CheckReparse(MtaStsPolicy policy, ParsingProfile profile)
    {
        // Each line with a CR LF terminator, so a body ending in a blank line keeps it and a line
        // that itself ends in a lone CR keeps that CR; a text that
        // itself starts with U+FEFF followed a byte order mark, which framed it and goes back first.
        string text = string.Concat(policy.Lines.Select(line => line + "\r\n"));
        byte[] lines = Encoding.UTF8.GetBytes(text.StartsWith('\uFEFF') ? "\uFEFF" + text : text);
        MtaStsPolicy? again = PolicyParser.Parse(lines, profile).Policy;

        bool same = again is not null
            && again.Mode == policy.Mode
            && again.MaxAgeSeconds == policy.MaxAgeSeconds
            && again.MxPatterns.Select(p => p.Value).SequenceEqual(policy.MxPatterns.Select(p => p.Value))
            && again.Extensions.Select(e => e.ToString()).SequenceEqual(policy.Extensions.Select(e => e.ToString()))
            && again.Lines.SequenceEqual(policy.Lines);
        if (!same)
        {
            Assert.Fail($"Re-reading the lines of '{Escape(policy.Text)}' gave {again?.ToString() ?? "no policy"} instead of {policy}.");
        }
    }

    private static void CheckRecord(string value)
    {
        foreach (ParsingProfile profile in new[] { ParsingProfile.Sender, ParsingProfile.Strict })
        {
            RecordParseResult result = RecordParser.Parse(value, profile);
            if ((result.Outcome == RecordOutcome.Found) != result.IsValid || result.IsValid != (result.Errors.Count == 0))
            {
                Assert.Fail($"'{Escape(value)}': outcome {result.Outcome} disagrees with {result.Errors.Count} errors.");
            }

            if (result.Record is MtaStsRecord record && RecordParser.Parse(record.ToString(), profile).Record?.Id != record.Id)
            {
                Assert.Fail($"'{Escape(value)}': the id '{record.Id}' does not survive a re-read.");
            }
        }
    }

    private static void CheckSelection(List<List<string>> answer)
    {
        RecordParseResult result = RecordParser.Select(answer);
        int candidates = answer.Count(strings => RecordParser.IsCandidate(string.Concat(strings)));

        RecordOutcome expected = candidates switch
        {
            0 => RecordOutcome.NotFound,
            1 => result.IsValid ? RecordOutcome.Found : RecordOutcome.Invalid,
            _ => RecordOutcome.Multiple,
        };
        if (result.Outcome != expected)
        {
            Assert.Fail($"{candidates} candidate records gave {result.Outcome}, expected {expected}.");
        }
    }

    private static byte[] Mutate(byte[] input, Random random)
    {
        var bytes = new List<byte>(input);
        int mutations = random.Next(1, 6);
        for (int m = 0; m < mutations; m++)
        {
            int at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] = s_edgeBytes[random.Next(s_edgeBytes.Length)];
                    break;
                case 1:
                    bytes.Insert(at, s_edgeBytes[random.Next(s_edgeBytes.Length)]);
                    break;
                case 2 when bytes.Count > 0:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 8), bytes.Count - at));
                    break;
                case 3 when bytes.Count > 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 4:
                    bytes.InsertRange(at, "\r\nmx: "u8.ToArray());
                    break;
                case 5 when bytes.Count > 0:
                    bytes.InsertRange(at, bytes.GetRange(at, Math.Min(random.Next(1, 40), bytes.Count - at)));
                    break;
                default:
                    bytes.InsertRange(0, "\uFEFF"u8.ToArray());
                    break;
            }
        }

        return bytes.ToArray();
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        byte[] bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] LargeBody(Random random)
    {
        byte[] body = new byte[PolicyParser.MaxBodyLength - random.Next(0, 3)];
        string[] lines = ["mx: mx.example.com\n", "\n", "\r\n", "foo: " + new string('a', 200) + "\n", "x\r", "mode: enforce\n"];
        int at = 0;
        while (at < body.Length)
        {
            byte[] line = Encoding.ASCII.GetBytes(lines[random.Next(lines.Length)]);
            int take = Math.Min(line.Length, body.Length - at);
            Array.Copy(line, 0, body, at, take);
            at += take;
        }

        return random.Next(4) == 0 ? Mutate(body, random) : body;
    }

    private static List<List<string>> RandomAnswer(Random random)
    {
        var answer = new List<List<string>>();
        int records = random.Next(0, 4);
        for (int r = 0; r < records; r++)
        {
            string record = random.Next(3) switch
            {
                0 => s_validRecords[random.Next(s_validRecords.Length)],
                1 => "v=spf1 -all",
                _ => Encoding.Latin1.GetString(Mutate(Encoding.ASCII.GetBytes(s_validRecords[0]), random)),
            };
            int split = random.Next(record.Length + 1);
            answer.Add([record[..split], record[split..]]);
        }

        return answer;
    }

    private static string Escape(string text) =>
        text.Length > 200 ? text[..200].ReplaceLineEndings("⏎") + "…" : text.ReplaceLineEndings("⏎");
}
