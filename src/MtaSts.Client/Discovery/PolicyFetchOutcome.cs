namespace MtaSts.Client.Discovery;

/// <summary>
/// What fetching a policy from the Policy Host came to; each failure is named after the RFC 8460
/// result type a TLS report gives it.
/// </summary>
public enum PolicyFetchOutcome
{
    /// <summary>The Policy Host answered 200 with a valid policy.</summary>
    Fetched = 0,

    /// <summary>
    /// No policy could be retrieved: the Policy Host did not resolve, was refused or unreachable,
    /// timed out, answered other than 200, redirected, or sent too much (<c>sts-policy-fetch-error</c>).
    /// </summary>
    FetchError = 1,

    /// <summary>
    /// The Policy Host's certificate is not valid for <c>mta-sts.</c> and the domain, does not chain to
    /// a trusted root, or is outside its validity period (<c>sts-webpki-invalid</c>).
    /// </summary>
    WebPkiInvalid = 2,

    /// <summary>
    /// A body was retrieved but is not a valid policy, or was not sent as <c>text/plain</c>
    /// (<c>sts-policy-invalid</c>).
    /// </summary>
    PolicyInvalid = 3,
}
