using MimeKit;
using MtaSts.Client.Policies;

namespace MtaSts.Client.MailKit;

/// <summary>Domains of the report configuration in one normal form (A-labels, lower case).</summary>
internal static class DomainNames
{
    /// <summary>The domain in normal form, or <see langword="null"/> when it is not a domain name.</summary>
    public static string? Normalize(string? domain) =>
        PolicyDomain.TryCreate(domain, out PolicyDomain? normal) ? normal.Name : null;

    /// <summary>
    /// The address (with or without a display name) as a mailbox and its domain in normal form, or
    /// <see langword="null"/> when it is not one <c>local-part@domain</c>.
    /// </summary>
    public static (MailboxAddress Mailbox, string Domain)? OfAddress(string? address)
    {
        if (address is null || !MailboxAddress.TryParse(address, out MailboxAddress? mailbox)
            || mailbox.LocalPart.Length == 0 || Normalize(mailbox.Domain) is not { } domain)
        {
            return null;
        }

        return (mailbox, domain);
    }
}
