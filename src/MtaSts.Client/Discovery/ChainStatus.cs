namespace MtaSts.Client.Discovery;

/// <summary>The outcome of PKIX path validation, in the terms reports distinguish.</summary>
internal enum ChainStatus
{
    /// <summary>The chain leads to a trusted root and every certificate in it is current.</summary>
    Trusted,

    /// <summary>The chain is trusted but a certificate in it has expired.</summary>
    Expired,

    /// <summary>The chain is trusted but a certificate in it is not valid yet.</summary>
    NotYetValid,

    /// <summary>No trusted chain: unknown or self-signed root, a missing intermediate, a bad signature, revoked.</summary>
    Untrusted,
}
