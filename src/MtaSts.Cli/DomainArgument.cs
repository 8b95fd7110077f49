using System.Diagnostics.CodeAnalysis;
using System.Net;
using MtaSts.Client.Policies;

namespace MtaSts.Cli;

/// <summary>Reads the domain <c>mtasts check</c> checks, by the library's rules for a Policy Domain.</summary>
internal static class DomainArgument
{
    /// <summary>Brings the domain to normal form, or says why it cannot have a policy.</summary>
    /// <param name="text">The domain as given.</param>
    /// <param name="domain">The Policy Domain: A-labels, lower case, no trailing dot.</param>
    /// <param name="problem">A sentence for standard error when the text is not a domain.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> can publish a policy.</returns>
    public static bool TryParse(
        string text,
        [NotNullWhen(true)] out PolicyDomain? domain,
        [NotNullWhen(false)] out string? problem)
    {
        if (PolicyDomain.TryCreate(text, out domain))
        {
            problem = null;
            return true;
        }

        problem = text switch
        {
            "" => "The domain is empty.",
            _ when text.StartsWith('[') => $"'{text}' is an address literal; "
                + "mail to an address literal has no MTA-STS policy (RFC 8461 §3.4).",
            _ when IPAddress.TryParse(text, out _) =>
                $"'{text}' is an IP address; only a domain name can publish an MTA-STS policy.",
            _ when text.Contains('@') =>
                $"'{text}' is not a domain; give the part after the '@'.",
            _ => $"'{text}' is not a domain name that can publish an MTA-STS policy.",
        };
        return false;
    }
}
