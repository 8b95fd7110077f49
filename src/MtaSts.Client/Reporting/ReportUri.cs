using System;
using System.Diagnostics.CodeAnalysis;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Reporting;

/// <summary>Checks one <c>rua</c> URI (RFC 8460 §3, RFC 3986, RFC 6068) and makes it a destination.</summary>
internal static class ReportUri
{
    private const int MaxLength = 2048;

    public static bool TryCreate(
        ReadOnlySpan<char> text,
        [NotNullWhen(true)] out ReportDestination? destination,
        [NotNullWhen(false)] out string? problem,
        out bool unsupported)
    {
        destination = null;
        unsupported = false;
        if (text.IsEmpty)
        {
            problem = "an empty entry between commas.";
            return false;
        }

        if (text.Length > MaxLength || text.ContainsAnyExceptInRange('!', '~'))
        {
            problem = "a URI is at most 2048 printable US-ASCII characters without spaces.";
            return false;
        }

        // RFC 8460 §3: '!' (like ',' and ';') must be percent-encoded inside a URI.
        if (text.Contains('!'))
        {
            problem = "'!' must be written as %21 inside a URI.";
            return false;
        }

        int colon = text.IndexOf(':');
        if (colon <= 0)
        {
            problem = "it has no scheme; a URI starts with mailto: or https:.";
            return false;
        }

        ReadOnlySpan<char> scheme = text[..colon];
        if (scheme.Equals("mailto", StringComparison.OrdinalIgnoreCase))
        {
            return TryCreateMail(text, colon, out destination, out problem);
        }

        if (scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            return TryCreateHttps(text, out destination, out problem);
        }

        unsupported = true;
        problem = "unsupported scheme.";
        return false;
    }

    private static bool TryCreateHttps(
        ReadOnlySpan<char> text,
        [NotNullWhen(true)] out ReportDestination? destination,
        [NotNullWhen(false)] out string? problem)
    {
        destination = null;
        string value = text.ToString();
        if (!Uri.IsWellFormedUriString(value, UriKind.Absolute)
            || !Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) || uri.HostNameType != UriHostNameType.Dns
            || !HostName.TryNormalize(uri.IdnHost, out ReadOnlySpan<char> host) || !HostName.IsValidDomain(host)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            problem = "an https: URI needs a host name (not an address), no user name, and nothing RFC 3986 forbids.";
            return false;
        }

        problem = null;
        destination = new ReportDestination(uri, mailAddress: null);
        return true;
    }

    private static bool TryCreateMail(
        ReadOnlySpan<char> text,
        int colon,
        [NotNullWhen(true)] out ReportDestination? destination,
        [NotNullWhen(false)] out string? problem)
    {
        destination = null;
        ReadOnlySpan<char> to = text[(colon + 1)..];
        int query = to.IndexOf('?');
        if (query >= 0)
        {
            to = to[..query];
        }

        string address;
        try
        {
            address = Uri.UnescapeDataString(to.ToString());
        }
        catch (UriFormatException)
        {
            address = string.Empty;
        }

        if (!AddrSpec.TryGetDomain(address, out _)
            || !Uri.TryCreate(text.ToString(), UriKind.Absolute, out Uri? uri))
        {
            problem = "a mailto: URI needs exactly one address, local-part@domain.";
            return false;
        }

        problem = null;
        destination = new ReportDestination(uri, address);
        return true;
    }
}
