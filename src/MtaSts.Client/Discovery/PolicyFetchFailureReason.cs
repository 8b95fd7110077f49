namespace MtaSts.Client.Discovery;

/// <summary>Why a policy fetch failed, in more detail than its <see cref="PolicyFetchOutcome"/>.</summary>
/// <remarks>
/// <see cref="PolicyFetchResult.FailureReasonCode"/> gives each value as the lower-case code a TLS
/// report can carry as <c>failure-reason-code</c>.
/// </remarks>
public enum PolicyFetchFailureReason
{
    /// <summary>Nothing failed: the policy was fetched.</summary>
    None = 0,

    /// <summary>
    /// The Policy Host answered with a status other than 200 that is not a redirect, 304 Not Modified
    /// included (<c>status</c>).
    /// </summary>
    Status = 1,

    /// <summary>
    /// The Policy Host answered with a redirect (any 3xx status but 304), which is never followed (<c>redirect</c>).
    /// </summary>
    Redirect = 2,

    /// <summary>The fetch did not finish within the deadline (<c>timeout</c>).</summary>
    Timeout = 3,

    /// <summary>The body, after decoding any content encoding, is larger than 65,536 bytes (<c>too-large</c>).</summary>
    TooLarge = 4,

    /// <summary>The Policy Host has no address, or its lookup failed (<c>dns</c>).</summary>
    Dns = 5,

    /// <summary>
    /// Every address of the Policy Host is loopback, private or otherwise not global (<c>address-not-allowed</c>).
    /// </summary>
    AddressNotAllowed = 6,

    /// <summary>No TCP connection could be made to any address of the Policy Host (<c>connect</c>).</summary>
    Connect = 7,

    /// <summary>The TLS handshake failed for a reason other than the certificate (<c>tls</c>).</summary>
    Tls = 8,

    /// <summary>The response broke HTTP, or the connection closed before the body ended (<c>protocol</c>).</summary>
    Protocol = 9,

    /// <summary>No subjectAltName DNS-ID of the certificate names the Policy Host (<c>name-mismatch</c>).</summary>
    NameMismatch = 10,

    /// <summary>A certificate of the chain is past its notAfter date (<c>expired</c>).</summary>
    Expired = 11,

    /// <summary>A certificate of the chain is before its notBefore date (<c>not-yet-valid</c>).</summary>
    NotYetValid = 12,

    /// <summary>
    /// The certificate does not chain to a trusted root, or the chain is otherwise invalid (<c>untrusted</c>).
    /// </summary>
    Untrusted = 13,

    /// <summary>The response's media type is missing or is not <c>text/plain</c> (<c>content-type</c>).</summary>
    ContentType = 14,

    /// <summary>The body is not a valid policy (<c>parse</c>).</summary>
    Parse = 15,
}
