namespace MtaSts.Client.Reporting;

/// <summary>What the DNS lookup of a domain's <c>_smtp._tls</c> record came to (RFC 8460 §3).</summary>
public enum TlsRptDiscoveryOutcome
{
    /// <summary>Exactly one TLSRPT record with at least one usable destination.</summary>
    Found = 0,

    /// <summary>
    /// NXDOMAIN, NODATA, or TXT records none of which begins with <c>v=TLSRPTv1;</c>: the domain
    /// does not take TLS reports.
    /// </summary>
    NotFound = 1,

    /// <summary>More than one record begins with <c>v=TLSRPTv1;</c>: the domain is treated as not taking reports.</summary>
    Multiple = 2,

    /// <summary>The one TLSRPT record breaks the grammar or names no usable destination.</summary>
    Invalid = 3,

    /// <summary>DNS failed temporarily (SERVFAIL, REFUSED, no answer in time): ask again later.</summary>
    DnsFailure = 4,
}
