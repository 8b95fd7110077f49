namespace MtaSts.Client.Reporting;

/// <summary>What the <c>_smtp._tls</c> TXT records of a domain amount to (RFC 8460 §3).</summary>
public enum TlsRptRecordOutcome
{
    /// <summary>Exactly one TLSRPT record, with at least one usable destination.</summary>
    Found = 0,

    /// <summary>No record begins with <c>v=TLSRPTv1;</c>: the domain does not implement TLSRPT.</summary>
    NotFound = 1,

    /// <summary>More than one record begins with <c>v=TLSRPTv1;</c>: the domain is treated as not implementing TLSRPT.</summary>
    Multiple = 2,

    /// <summary>The one TLSRPT record breaks the grammar or names no usable destination: no report is sent.</summary>
    Invalid = 3,
}
