namespace MtaSts.Client.Decision;

/// <summary>
/// The reason codes of <see cref="MxDecision.ReasonCode"/>, stable and short enough for a report's
/// <c>failure-reason-code</c>; codes are added, never renamed.
/// </summary>
public static class MxReasonCodes
{
    /// <summary>The MX host matches no <c>mx</c> pattern of the policy (DECISIONS: <c>validation-failure</c>).</summary>
    public const string MxNotInPolicy = "mx-not-in-policy";

    /// <summary>The MX host did not offer STARTTLS.</summary>
    public const string StartTlsNotOffered = "starttls-not-offered";

    /// <summary>The MX host offered STARTTLS but the TLS handshake failed.</summary>
    public const string HandshakeFailed = "tls-handshake-failed";

    /// <summary>No subjectAltName DNS-ID of the certificate names the MX host.</summary>
    public const string NameMismatch = "name-mismatch";

    /// <summary>A certificate of the chain has expired.</summary>
    public const string Expired = "expired";

    /// <summary>A certificate of the chain is not valid yet.</summary>
    public const string NotYetValid = "not-yet-valid";

    /// <summary>The certificate signs itself and is not a trusted root.</summary>
    public const string SelfSigned = "self-signed";

    /// <summary>The chain ends at a root that is not trusted.</summary>
    public const string UntrustedRoot = "untrusted-root";

    /// <summary>No chain to a root could be built: an unknown CA, or an intermediate the server did not send.</summary>
    public const string PartialChain = "partial-chain";

    /// <summary>A certificate of the chain is revoked (only when revocation is checked).</summary>
    public const string Revoked = "revoked";

    /// <summary>A signature in the chain does not verify.</summary>
    public const string BadSignature = "bad-signature";

    /// <summary>Revocation was to be checked but its status could not be found.</summary>
    public const string RevocationUnknown = "revocation-unknown";

    /// <summary>The chain is unusable for another reason (usage, constraints, policy).</summary>
    public const string ChainInvalid = "chain-invalid";

    /// <summary>The caller's DANE check of the MX host failed.</summary>
    public const string DaneFailed = "dane-failed";
}
