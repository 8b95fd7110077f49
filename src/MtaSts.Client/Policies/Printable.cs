using System;
using System.Globalization;
using System.Text;

namespace MtaSts.Client.Policies;

/// <summary>
/// Text from a peer made safe to quote in a diagnostic: cut short, and with control, invisible and
/// direction-changing characters written as <c>\uXXXX</c>, so that a hostile value can neither
/// make a huge message nor rewrite the terminal or log line it is printed on.
/// </summary>
internal static class Printable
{
    private const int MaxQuoted = 80;

    public static string Of(ReadOnlySpan<byte> utf8) =>
        Of(Encoding.UTF8.GetString(utf8.Length > MaxQuoted * 4 ? utf8[..(MaxQuoted * 4)] : utf8));

    public static string Of(ReadOnlySpan<char> text)
    {
        bool cut = text.Length > MaxQuoted;
        ReadOnlySpan<char> shown = cut ? text[..MaxQuoted] : text;
        if (!NeedsEscape(shown))
        {
            return cut ? string.Concat(shown, "…") : shown.ToString();
        }

        var builder = new StringBuilder(shown.Length + 16);
        foreach (char c in shown)
        {
            if (IsUnsafe(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return cut ? builder.Append('…').ToString() : builder.ToString();
    }

    private static bool NeedsEscape(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (IsUnsafe(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUnsafe(char c) =>
        c < ' '
        || c is >= '\u007F' and <= '\u009F'
        || c is '\u00AD' or '\uFEFF' or '\uFFFD'
        || c is >= '\u200B' and <= '\u200F'
        || c is >= '\u2028' and <= '\u202E'
        || c is >= '\u2060' and <= '\u2069';
}
