using System;
using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace MtaSts.Client.Policies;

/// <summary>The RFC 5321 <c>Domain</c> syntax and the normalisation of host names before matching.</summary>
internal static class HostName
{
    internal const int MaxLength = 253;
    internal const int MaxLabelLength = 63;

    private static readonly IdnMapping s_idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    /// <summary>
    /// Whether <paramref name="name"/> is dot-separated labels of ASCII letters, digits and inner
    /// hyphens (RFC 5321 §4.1.2), within the RFC 1035 length limits, with no trailing dot.
    /// </summary>
    public static bool IsValidDomain(ReadOnlySpan<byte> name) =>
        ScanDomain(name, out bool valid) == name.Length && valid;

    /// <summary>
    /// Reads the run of letters, digits, hyphens and dots at the start of <paramref name="text"/>
    /// and says whether it is a valid domain, so a caller can find where a value ends and check it
    /// in the same pass.
    /// </summary>
    /// <returns>The length of the run.</returns>
    public static int ScanDomain(ReadOnlySpan<byte> text, out bool valid)
    {
        // A table lookup per byte, letters and digits first: this runs for every mx line of every
        // policy, and almost every byte it sees is a letter.
        ReadOnlySpan<byte> table = NameCharacters.Classes;
        valid = true;
        int labelStart = 0;
        int i = 0;
        for (; i < text.Length; i++)
        {
            byte kind = table[text[i]];
            if (kind == NameCharacters.LetterOrDigit)
            {
                continue;
            }

            if (kind == NameCharacters.Hyphen)
            {
                valid &= i > labelStart;
                continue;
            }

            if (kind != NameCharacters.Dot)
            {
                break;
            }

            valid &= i - labelStart is > 0 and <= MaxLabelLength && text[i - 1] != '-';
            labelStart = i + 1;
        }

        valid &= i - labelStart is > 0 and <= MaxLabelLength && text[i - 1] != '-' && i <= MaxLength;
        return i;
    }

    /// <summary><see cref="IsValidDomain(ReadOnlySpan{byte})"/> for text, which must be ASCII to be valid.</summary>
    public static bool IsValidDomain(ReadOnlySpan<char> name)
    {
        Span<byte> ascii = stackalloc byte[MaxLength];
        return name.Length <= MaxLength
            && Ascii.FromUtf16(name, ascii, out int written) == OperationStatus.Done
            && IsValidDomain(ascii[..written]);
    }

    /// <summary>One label: 1 to 63 letters, digits and hyphens, neither first nor last a hyphen.</summary>
    public static bool IsValidLabel(ReadOnlySpan<byte> label) =>
        label.Length is > 0 and <= MaxLabelLength
        && label[0] != '-'
        && label[^1] != '-'
        && NameCharacters.AllIn(label, NameCharacters.Ldh);

    /// <summary><see cref="IsValidLabel(ReadOnlySpan{byte})"/> for text.</summary>
    public static bool IsValidLabel(ReadOnlySpan<char> label) =>
        label.Length is > 0 and <= MaxLabelLength
        && label[0] != '-'
        && label[^1] != '-'
        && NameCharacters.AllIn(label, NameCharacters.Ldh);

    /// <summary>
    /// Brings a host name as an MTA holds it (perhaps with the DNS root dot, perhaps in U-labels) to
    /// ASCII, the form policies are written in. Fails for text that cannot be a host name.
    /// </summary>
    /// <remarks>Allocates only for a host written in U-labels.</remarks>
    public static bool TryNormalize(ReadOnlySpan<char> host, out ReadOnlySpan<char> normalized)
    {
        if (host.Length > 1 && host[^1] == '.')
        {
            host = host[..^1];
        }

        if (!Ascii.IsValid(host))
        {
            string text = host.ToString();
            if (!TryToAscii(text, out string? ascii) || !IsULabelForm(text, ascii))
            {
                normalized = default;
                return false;
            }

            host = ascii;
        }

        normalized = host;
        return !host.IsEmpty && host.Length <= MaxLength;
    }

    /// <summary>
    /// Whether <paramref name="text"/> is exactly the U-label form of <paramref name="aLabels"/>,
    /// up to case. IDNA mapping also folds look-alikes (full-width letters, the ideographic full
    /// stop) into ASCII; a policy value must not be read as a host its author never wrote.
    /// </summary>
    public static bool IsULabelForm(string text, string aLabels)
    {
        try
        {
            return string.Equals(s_idn.GetUnicode(aLabels), text, StringComparison.OrdinalIgnoreCase);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Converts U-labels to lower-case A-labels with the platform's IDNA mapping.</summary>
    public static bool TryToAscii(ReadOnlySpan<char> name, [NotNullWhen(true)] out string? ascii)
    {
        try
        {
            ascii = s_idn.GetAscii(name.ToString()).ToLowerInvariant();
            return true;
        }
        catch (ArgumentException)
        {
            ascii = null;
            return false;
        }
    }
}
