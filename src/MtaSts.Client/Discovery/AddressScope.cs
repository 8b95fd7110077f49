using System;
using System.Net;
using System.Net.Sockets;

namespace MtaSts.Client.Discovery;

/// <summary>
/// Which addresses are global unicast, following the IANA IPv4 and IPv6 special-purpose address
/// registries (RFC 6890): the only ones a Policy Host may be at unless private addresses are allowed.
/// </summary>
internal static class AddressScope
{
    private static ReadOnlySpan<byte> Nat64Prefix => [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>Whether the address is reachable on the public internet, and so safe to connect to for anyone.</summary>
    public static bool IsGlobal(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out int length))
        {
            return false;
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork when length == 4 => IsGlobalIPv4(bytes[..4]),
            AddressFamily.InterNetworkV6 when length == 16 => IsGlobalIPv6(bytes[..16]),
            _ => false,
        };
    }

    private static bool IsGlobalIPv4(ReadOnlySpan<byte> a) => (a[0], a[1], a[2]) switch
    {
        (0, _, _) => false,                             // "this network" (RFC 791)
        (10, _, _) => false,                            // private (RFC 1918)
        (100, >= 64 and <= 127, _) => false,            // shared address space, carrier NAT (RFC 6598)
        (127, _, _) => false,                           // loopback
        (169, 254, _) => false,                         // link-local (RFC 3927)
        (172, >= 16 and <= 31, _) => false,             // private (RFC 1918)
        (192, 0, 0) => false,                           // IETF protocol assignments (RFC 6890)
        (192, 0, 2) => false,                           // documentation (RFC 5737)
        (192, 88, 99) => false,                         // former 6to4 relay anycast (RFC 7526)
        (192, 168, _) => false,                         // private (RFC 1918)
        (198, 18 or 19, _) => false,                    // benchmarking (RFC 2544)
        (198, 51, 100) => false,                        // documentation (RFC 5737)
        (203, 0, 113) => false,                         // documentation (RFC 5737)
        (>= 224, _, _) => false,                        // multicast, reserved and broadcast
        _ => true,
    };

    private static bool IsGlobalIPv6(ReadOnlySpan<byte> a)
    {
        // An IPv4 address written as IPv6: mapped (::ffff:0:0/96, RFC 4291) or translated by NAT64
        // with the well-known prefix (64:ff9b::/96, RFC 6052) is judged as the IPv4 address it holds.
        if (a[..10].IndexOfAnyExcept((byte)0) < 0 && a[10] == 0xff && a[11] == 0xff)
        {
            return IsGlobalIPv4(a[12..]);
        }

        if (a[..12].SequenceEqual(Nat64Prefix))
        {
            return IsGlobalIPv4(a[12..]);
        }

        // Only 2000::/3 is global unicast; this excludes the unspecified address, loopback,
        // unique-local (fc00::/7), link-local (fe80::/10), site-local and multicast (ff00::/8).
        if ((a[0] & 0xe0) != 0x20)
        {
            return false;
        }

        return (a[0], a[1], a[2], a[3]) switch
        {
            (0x20, 0x01, < 0x02, _) => false,           // IETF protocol assignments, Teredo (2001::/23)
            (0x20, 0x01, 0x0d, 0xb8) => false,          // documentation (2001:db8::/32)
            (0x20, 0x02, _, _) => IsGlobalIPv4(a[2..6]), // 6to4 (2002::/16) carries an IPv4 address
            (0x3f, 0xff, < 0x10, _) => false,           // documentation (3fff::/20, RFC 9637)
            _ => true,
        };
    }
}
