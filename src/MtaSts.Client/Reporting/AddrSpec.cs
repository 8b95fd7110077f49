using System;
using System.Diagnostics.CodeAnalysis;
using System.Net.Mail;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Reporting;

/// <summary>
/// An e-mail address as reports use one (a <c>contact-info</c>, a <c>mailto:</c> destination): one
/// RFC 5322 addr-spec in ASCII and nothing more, whose domain is a host name.
/// </summary>
internal static class AddrSpec
{
    /// <summary>The domain, in the normal form of a Policy Domain, of an address that is one addr-spec.</summary>
    public static bool TryGetDomain(string address, [NotNullWhen(true)] out string? domain)
    {
        domain = null;
        if (address.AsSpan().ContainsAnyExceptInRange('!', '~')
            || !MailAddress.TryCreate(address, out MailAddress? parsed)
            || !string.Equals(parsed.Address, address, StringComparison.Ordinal)
            || parsed.DisplayName.Length > 0
            || !PolicyDomain.TryCreate(parsed.Host, out PolicyDomain? host))
        {
            return false;
        }

        domain = host.Name;
        return true;
    }
}
