namespace MtaSts.Client.Resolution;

/// <summary>Why a resolution came out as it did: the row of the RFC 8461 §5.1 cache table that applied.</summary>
public enum ResolutionReason
{
    /// <summary>A valid cached policy, and the TXT record was checked recently enough not to ask DNS again.</summary>
    CachedPolicyCurrent = 0,

    /// <summary>The TXT record still carries the id of the valid cached policy.</summary>
    SameId = 1,

    /// <summary>The policy was fetched: there was none, it had expired, or the TXT id changed.</summary>
    Fetched = 2,

    /// <summary>Fetching the policy announced by the TXT record failed; the valid cached policy still applies.</summary>
    FetchFailedCachedPolicyKept = 3,

    /// <summary>The TXT record is missing, several, invalid or not answered; the valid cached policy still applies.</summary>
    RecordUnusableCachedPolicyKept = 4,

    /// <summary>The domain has no usable TXT record and no valid cached policy.</summary>
    NoRecord = 5,

    /// <summary>The TXT record announces a policy that could not be fetched, and none is cached.</summary>
    FetchFailed = 6,

    /// <summary>
    /// A fetch for this policy id failed a short while ago; it is not tried again yet (RFC 8461 §3.3),
    /// so the cached policy applies if there is one.
    /// </summary>
    FetchBackingOff = 7,
}
