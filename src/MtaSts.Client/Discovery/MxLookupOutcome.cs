namespace MtaSts.Client.Discovery;

/// <summary>What an MX lookup found.</summary>
public enum MxLookupOutcome
{
    /// <summary>MX records, or none and the domain itself as the implicit MX host.</summary>
    Found,

    /// <summary>The domain does not exist (NXDOMAIN): mail to it cannot be delivered.</summary>
    NoDomain,

    /// <summary>The domain publishes a null MX (RFC 7505): it accepts no mail.</summary>
    NullMx,

    /// <summary>SERVFAIL, REFUSED or no answer in time: try again later.</summary>
    DnsFailure,
}
