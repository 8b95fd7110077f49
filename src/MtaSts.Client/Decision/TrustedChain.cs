using System;

namespace MtaSts.Client.Decision;

/// <summary>A certificate known to chain to a trusted root, with the DNS-IDs it presents.</summary>
internal sealed class TrustedChain
{
    public TrustedChain(string[] dnsNames, DateTimeOffset validUntil)
    {
        DnsNames = dnsNames;
        ValidUntil = validUntil;
    }

    public string[] DnsNames { get; }

    /// <summary>Gets the earliest end of validity in the chain.</summary>
    public DateTimeOffset ValidUntil { get; }
}
