using System;
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
    public static bool IsValidDomain(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > MaxLength)
        {
            return false;
        }

        int labelLength = 0;
        char previous = '.';
        foreach (char c in name)
        {
            if (c == '.')
            {
                if (labelLength == 0 || previous == '-')
                {
                    return false;
                }

                labelLength = 0;
            }
            else if (char.IsAsciiLetterOrDigit(c) || (c == '-' && labelLength > 0))
            {
                if (++labelLength > MaxLabelLength)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }

            previous = c;
        }

        return labelLength > 0 && previous != '-';
    }

    /// <summary>
    /// Brings a host name as an MTA holds it (perhaps with the DNS root dot, perhaps in U-labels) to
    /// the A-label form policies are written in. Fails for anything that is not a host name.
    /// </summary>
    public static bool TryNormalize(ReadOnlySpan<char> host, out ReadOnlySpan<char> normalized)
    {
        if (host.Length > 1 && host[^1] == '.')
        {
            host = host[..^1];
        }

        if (!Ascii.IsValid(host))
        {
            if (!TryToAscii(host, out string? ascii))
            {
                normalized = default;
                return false;
            }

            host = ascii;
        }

        normalized = host;
        return IsValidDomain(host);
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
