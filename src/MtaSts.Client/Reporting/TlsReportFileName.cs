using System;
using System.Globalization;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Reporting;

/// <summary>
/// The file name of a TLS report (RFC 8460 §5.1), for the mail attachment and anywhere a report is
/// saved: <c>sender!policy-domain!begin!end[!unique-id].json[.gz]</c>, with the period's start and
/// end in Unix seconds and both domains in A-labels.
/// </summary>
public static class TlsReportFileName
{
    /// <summary>Makes the file name of a report.</summary>
    /// <param name="submitterDomain">The domain of the report's <c>contact-info</c>.</param>
    /// <param name="policyDomain">The Policy Domain of the report.</param>
    /// <param name="start">The start of the report's period.</param>
    /// <param name="end">The end of the report's period.</param>
    /// <param name="compressed">Whether the file is gzip-compressed (<c>.json.gz</c>) or plain (<c>.json</c>).</param>
    /// <param name="uniqueId">An optional id of letters and digits, for several files of one period.</param>
    /// <returns>For example <c>sender.example!example.com!1714521600!1714607999.json.gz</c>.</returns>
    /// <exception cref="ArgumentNullException">
    /// <paramref name="submitterDomain"/> or <paramref name="policyDomain"/> is null.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="submitterDomain"/> is not a domain name, or <paramref name="uniqueId"/> is not letters and digits.
    /// </exception>
    public static string Create(
        string submitterDomain,
        PolicyDomain policyDomain,
        DateTimeOffset start,
        DateTimeOffset end,
        bool compressed = true,
        string? uniqueId = null)
    {
        ArgumentNullException.ThrowIfNull(submitterDomain);
        ArgumentNullException.ThrowIfNull(policyDomain);
        if (!PolicyDomain.TryCreate(submitterDomain, out PolicyDomain? sender))
        {
            throw new ArgumentException($"'{submitterDomain}' is not a domain name.", nameof(submitterDomain));
        }

        if (uniqueId is not null && (uniqueId.Length == 0 || !uniqueId.AsSpan().ContainsOnlyAsciiLettersOrDigits()))
        {
            throw new ArgumentException("The unique id must be one or more ASCII letters and digits.", nameof(uniqueId));
        }

        string name = string.Create(CultureInfo.InvariantCulture,
            $"{sender.Name}!{policyDomain.Name}!{start.ToUnixTimeSeconds()}!{end.ToUnixTimeSeconds()}");
        if (uniqueId is not null)
        {
            name += "!" + uniqueId;
        }

        return name + (compressed ? ".json.gz" : ".json");
    }

    private static bool ContainsOnlyAsciiLettersOrDigits(this ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
