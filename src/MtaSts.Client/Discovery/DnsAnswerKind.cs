namespace MtaSts.Client.Discovery;

/// <summary>What one DNS query came to, before its records mean anything to MTA-STS.</summary>
internal enum DnsAnswerKind
{
    /// <summary>The name, or the end of its CNAME chain, has records of the type asked for.</summary>
    Records,

    /// <summary>NXDOMAIN: the name does not exist.</summary>
    NonExistentDomain,

    /// <summary>The name exists but has no records of that type (NODATA), or its CNAMEs lead nowhere.</summary>
    NoData,

    /// <summary>SERVFAIL, REFUSED, no answer in time, or any other error: the answer is unknown.</summary>
    Failure,
}
