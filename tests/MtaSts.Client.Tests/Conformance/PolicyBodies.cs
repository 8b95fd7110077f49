using System;
using System.IO;
using System.Text;
using MtaSts.Client.Policies;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Conformance;

/// <summary>
/// The policy bodies the conformance cases are written against: the fixture policies as files,
/// and <c>P_BASE</c> with one change applied.
/// </summary>
internal static class PolicyBodies
{
    /// <summary><c>P_BASE</c>: LF line endings; line 1 version, 2 mode, 3 mx, 4 max_age.</summary>
    public const string Base = "version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 86400\n";

    /// <summary>The UTF-8 byte order mark EF BB BF, in the byte notation of <see cref="Bytes"/>.</summary>
    public const string ByteOrderMark = "\u00EF\u00BB\u00BF";

    /// <summary>Gets <c>P_ENF</c>: CR LF line endings, mode enforce, two mx patterns, max_age 604800.</summary>
    public static byte[] Enforce => Load("P_ENF.txt");

    /// <summary>Gets <c>P_TEST</c>: <c>P_ENF</c> in mode testing.</summary>
    public static byte[] Testing => Load("P_TEST.txt");

    /// <summary>Gets <c>P_NONE</c>: CR LF line endings, mode none, no mx, max_age 86400.</summary>
    public static byte[] None => Load("P_NONE.txt");

    public static byte[] Load(string fileName) =>
        File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "Policies", fileName));

    /// <summary><c>P_BASE</c> with the line of <paramref name="key"/> replaced by <paramref name="line"/>.</summary>
    public static string BaseWith(string key, string line)
    {
        string original = key switch
        {
            "version" => "version: STSv1\n",
            "mode" => "mode: enforce\n",
            "mx" => "mx: mail.example.com\n",
            "max_age" => "max_age: 86400\n",
            _ => throw new ArgumentOutOfRangeException(nameof(key), key, "P_BASE has no such line."),
        };

        return Base.Replace(original, line + "\n", StringComparison.Ordinal);
    }

    /// <summary><c>P_BASE</c> with <paramref name="line"/> added as line 5.</summary>
    public static string BasePlus(string line) => Base + line + "\n";

    /// <summary>Reads a body given as text, sent as UTF-8.</summary>
    public static PolicyParseResult Parse(string body, ParsingProfile profile = ParsingProfile.Sender) =>
        PolicyParser.Parse(Encoding.UTF8.GetBytes(body), profile);

    /// <summary>
    /// Reads a body given in the cases' byte notation: each character is one byte, so
    /// <c>"\u00C3\u00BC"</c> stands for the bytes C3 BC.
    /// </summary>
    public static PolicyParseResult ParseBytes(string body, ParsingProfile profile = ParsingProfile.Sender) =>
        PolicyParser.Parse(Bytes(body), profile);

    /// <summary>The bytes of a body written one character per byte.</summary>
    public static byte[] Bytes(string body)
    {
        foreach (char c in body)
        {
            if (c > '\u00FF')
            {
                throw new ArgumentException($"U+{(int)c:X4} is not a byte.", nameof(body));
            }
        }

        return Encoding.Latin1.GetBytes(body);
    }
}
