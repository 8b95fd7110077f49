using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace MtaSts.Client.Policies;

/// <summary>
/// Whether a certificate names a host, as RFC 8461 requires for the Policy Host (§3.3) and for MX
/// hosts (§4.2): the subjectAltName DNS-IDs are compared with the host name by the rules of RFC 6125
/// §6.4, and the subject common name is never consulted.
/// </summary>
/// <remarks>
/// A <c>*</c> counts only as the entire left-most label of a DNS-ID and stands for exactly one
/// label of the host, so <c>*.example.com</c> names <c>mail.example.com</c> but neither
/// <c>a.mail.example.com</c> nor <c>example.com</c>; partial-label wildcards such as
/// <c>mail*.example.com</c> name nothing (RFC 8461 §3.3, RFC 9525 §6.3). Only the chain of trust is
/// left to the caller.
/// </remarks>
public static class CertificateIdentity
{
    private const string SubjectAlternativeNameOid = "2.5.29.17";

    /// <summary>Whether one of the certificate's subjectAltName DNS-IDs names the host.</summary>
    /// <param name="certificate">The certificate the server presented.</param>
    /// <param name="hostName">
    /// The host the client meant to reach, such as <c>mta-sts.example.com</c>; ASCII case and a
    /// trailing dot do not matter, and U-labels are compared as A-labels.
    /// </param>
    /// <returns>
    /// <see langword="true"/> when a DNS-ID matches; <see langword="false"/> when none does, when
    /// the certificate has no subjectAltName DNS-ID (a common name alone never counts), or when
    /// <paramref name="hostName"/> is not a domain name.
    /// </returns>
    /// <exception cref="ArgumentNullException">
    /// <paramref name="certificate"/> or <paramref name="hostName"/> is null.
    /// </exception>
    public static bool Matches(X509Certificate2 certificate, string hostName)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(hostName);

        if (!TryNormalizeHost(hostName, out ReadOnlySpan<char> host))
        {
            return false;
        }

        foreach (X509Extension extension in certificate.Extensions)
        {
            if (extension.Oid?.Value != SubjectAlternativeNameOid)
            {
                continue;
            }

            var names = extension as X509SubjectAlternativeNameExtension
                ?? new X509SubjectAlternativeNameExtension(extension.RawData, extension.Critical);
            if (AnyDnsNameMatches(names, host))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether one presented DNS-ID names the host.</summary>
    /// <param name="dnsId">The DNS-ID as it appears in the certificate, such as <c>*.example.com</c>.</param>
    /// <param name="hostName">The host the client meant to reach; a trailing dot does not matter.</param>
    /// <returns><see langword="true"/> when <paramref name="dnsId"/> names <paramref name="hostName"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dnsId"/> or <paramref name="hostName"/> is null.</exception>
    public static bool MatchesDnsId(string dnsId, string hostName)
    {
        ArgumentNullException.ThrowIfNull(dnsId);
        ArgumentNullException.ThrowIfNull(hostName);

        return TryNormalizeHost(hostName, out ReadOnlySpan<char> host) && MatchesNormalized(dnsId, host);
    }

    /// <summary>The subjectAltName DNS-IDs of the certificate, as written; none when it has no such extension.</summary>
    internal static string[] GetDnsNames(X509Certificate2 certificate)
    {
        var names = new List<string>();
        try
        {
            foreach (X509Extension extension in certificate.Extensions)
            {
                if (extension.Oid?.Value != SubjectAlternativeNameOid)
                {
                    continue;
                }

                var alternativeNames = extension as X509SubjectAlternativeNameExtension
                    ?? new X509SubjectAlternativeNameExtension(extension.RawData, extension.Critical);
                names.AddRange(alternativeNames.EnumerateDnsNames());
            }
        }
        catch (CryptographicException)
        {
            // A subjectAltName that does not decode names nothing.
        }

        return names.ToArray();
    }

    /// <summary>The DNS-IDs for a message, or <c>none</c>.</summary>
    internal static string DescribeDnsNames(X509Certificate2 certificate)
    {
        string[] names = GetDnsNames(certificate);
        return names.Length == 0 ? "none" : string.Join(", ", names);
    }

    /// <summary>Whether one of <paramref name="dnsNames"/> names a host already normalised.</summary>
    internal static bool AnyMatches(string[] dnsNames, ReadOnlySpan<char> host)
    {
        foreach (string dnsId in dnsNames)
        {
            if (MatchesNormalized(dnsId, host))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyDnsNameMatches(X509SubjectAlternativeNameExtension names, ReadOnlySpan<char> host)
    {
        try
        {
            foreach (string dnsId in names.EnumerateDnsNames())
            {
                if (MatchesNormalized(dnsId, host))
                {
                    return true;
                }
            }
        }
        catch (CryptographicException)
        {
            // A subjectAltName that does not decode names nothing; the certificate is not for this host.
        }

        return false;
    }

    /// <summary>The host as DNS-IDs are compared with it; false when it is not a domain name.</summary>
    internal static bool TryNormalizeHost(string hostName, out ReadOnlySpan<char> host)
    {
        if (!HostName.TryNormalize(hostName, out host) || !HostName.IsValidDomain(host))
        {
            return false;
        }

        // Dotted digits are an IPv4 address, which only an iPAddress entry can name (RFC 6125 §1.7.2).
        int lastDot = host.LastIndexOf('.');
        return host[(lastDot + 1)..].ContainsAnyExceptInRange('0', '9');
    }

    private static bool MatchesNormalized(ReadOnlySpan<char> dnsId, ReadOnlySpan<char> host)
    {
        if (dnsId.StartsWith("*."))
        {
            // The wildcard stands for the host's whole first label, and a wildcard over a single
            // label (a top-level domain) is refused as RFC 9525 §6.3 and the CA/Browser Forum do.
            ReadOnlySpan<char> suffix = dnsId[2..];
            int firstDot = host.IndexOf('.');
            return firstDot > 0
                && suffix.Contains('.')
                && !suffix.Contains('*')
                && Ascii.EqualsIgnoreCase(host[(firstDot + 1)..], suffix);
        }

        return !dnsId.Contains('*') && Ascii.EqualsIgnoreCase(dnsId, host);
    }
}
