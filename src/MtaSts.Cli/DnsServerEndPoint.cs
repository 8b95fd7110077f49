using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MtaSts.Cli;

/// <summary>
/// Reads a DNS server as <c>--dns-server</c> takes it: an IP address with an optional port,
/// <c>192.0.2.53</c>, <c>192.0.2.53:5353</c>, <c>2001:db8::53</c> or <c>[2001:db8::53]:5353</c>.
/// </summary>
internal static class DnsServerEndPoint
{
    /// <summary>The port DNS servers listen on when none is written.</summary>
    public const int DefaultPort = 53;

    /// <summary>Reads one server.</summary>
    /// <param name="text">The value as written on the command line.</param>
    /// <param name="endPoint">The address and port.</param>
    /// <returns><see langword="false"/> when the text is not an address with an optional port.</returns>
    public static bool TryParse(string text, [NotNullWhen(true)] out IPEndPoint? endPoint)
    {
        endPoint = null;
        string address;
        string? port = null;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            address = text[1..close];
            string rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                {
                    return false;
                }

                port = rest[1..];
            }

            // Brackets are for IPv6 only, as in a URL.
            if (!TryParseAddress(address, AddressFamily.InterNetworkV6, out IPAddress? bracketed))
            {
                return false;
            }

            return TryCreate(bracketed, port, out endPoint);
        }

        // Two colons or more make an IPv6 address without a port: "::1:53" is one address.
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0 && text.IndexOf(':', colon + 1) >= 0)
        {
            return TryParseAddress(text, AddressFamily.InterNetworkV6, out IPAddress? ipv6)
                && TryCreate(ipv6, null, out endPoint);
        }

        address = colon < 0 ? text : text[..colon];
        port = colon < 0 ? null : text[(colon + 1)..];
        return TryParseAddress(address, AddressFamily.InterNetwork, out IPAddress? ipv4)
            && TryCreate(ipv4, port, out endPoint);
    }

    private static bool TryParseAddress(
        string text,
        AddressFamily family,
        [NotNullWhen(true)] out IPAddress? address)
    {
        if (!IPAddress.TryParse(text, out address) || address.AddressFamily != family)
        {
            address = null;
            return false;
        }

        // The platform also reads "127.1" and "0x7f.0.0.1" as IPv4; only the dotted quad is taken.
        if (family == AddressFamily.InterNetwork && address.ToString() != text)
        {
            address = null;
            return false;
        }

        return true;
    }

    private static bool TryCreate(
        IPAddress address,
        string? port,
        [NotNullWhen(true)] out IPEndPoint? endPoint)
    {
        endPoint = null;
        int number = DefaultPort;
        if (port is not null
            && (port.Length is 0 or > 5
                || port.AsSpan().ContainsAnyExceptInRange('0', '9')
                || !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number)
                || number is < 1 or > IPEndPoint.MaxPort))
        {
            return false;
        }

        endPoint = new IPEndPoint(address, number);
        return true;
    }
}
