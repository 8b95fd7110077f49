using System;

namespace MtaSts.Client.Policies;

/// <summary>
/// What each byte may be in the names RFC 8461 uses, as flags looked up in one table: the hot loops
/// of the parser and of MX matching test a byte with one load instead of several comparisons.
/// </summary>
internal static class NameCharacters
{
    public const byte LetterOrDigit = 1;
    public const byte Hyphen = 2;
    public const byte Underscore = 4;
    public const byte Dot = 8;

    /// <summary>Letters, digits and hyphens: what a host-name label is made of.</summary>
    public const byte Ldh = LetterOrDigit | Hyphen;

    /// <summary>What follows the first character of a field name (RFC 8461 §3.1, §3.2).</summary>
    public const byte FieldName = LetterOrDigit | Hyphen | Underscore | Dot;

    public static ReadOnlySpan<byte> Classes =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 8, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 4,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];

    /// <summary>How many bytes at the start of <paramref name="text"/> are in <paramref name="classes"/>.</summary>
    public static int CountLeading(ReadOnlySpan<byte> text, byte classes)
    {
        ReadOnlySpan<byte> table = Classes;
        int i = 0;
        while (i < text.Length && (table[text[i]] & classes) != 0)
        {
            i++;
        }

        return i;
    }

    public static bool AllIn(ReadOnlySpan<byte> text, byte classes)
    {
        ReadOnlySpan<byte> table = Classes;
        foreach (byte b in text)
        {
            if ((table[b] & classes) == 0)
            {
                return false;
            }
        }

        return true;
    }

    public static bool AllIn(ReadOnlySpan<char> text, byte classes)
    {
        ReadOnlySpan<byte> table = Classes;
        foreach (char c in text)
        {
            if (c > 0x7F || (table[c] & classes) == 0)
            {
                return false;
            }
        }

        return true;
    }
}
