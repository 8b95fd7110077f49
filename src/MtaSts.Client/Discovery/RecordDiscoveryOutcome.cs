namespace MtaSts.Client.Discovery;

/// <summary>What the DNS lookup of a domain's <c>_mta-sts</c> record came to (RFC 8461 §3.1).</summary>
public enum RecordDiscoveryOutcome
{
    /// <summary>Exactly one valid MTA-STS record: the domain has a live policy with its <c>id</c>.</summary>
    Found = 0,

    /// <summary>
    /// NXDOMAIN, NODATA, or TXT records none of which begins with <c>v=STSv1;</c>: the domain has no
    /// live policy.
    /// </summary>
    NotFound = 1,

    /// <summary>More than one record begins with <c>v=STSv1;</c>: the domain has no live policy.</summary>
    Multiple = 2,

    /// <summary>The one MTA-STS record breaks the grammar: the domain has no live policy.</summary>
    Invalid = 3,

    /// <summary>
    /// DNS failed temporarily (SERVFAIL, REFUSED, no answer in time, or another error), so whether the
    /// domain has a record is unknown. A cached policy still applies.
    /// </summary>
    DnsFailure = 4,
}
