namespace MtaSts.Client.Decision;

/// <summary>The result of a DANE (RFC 7672) check that the caller made of an MX host's certificate.</summary>
public enum DaneOutcome
{
    /// <summary>DANE does not apply to the MX host, or was not checked; MTA-STS alone decides.</summary>
    NotApplicable,

    /// <summary>
    /// A TLSA record of the MX host matched the certificate: it stands in for the PKIX check, while
    /// the MX pattern check of the policy still applies.
    /// </summary>
    Passed,

    /// <summary>DANE applies and failed: the MX host is refused whatever MTA-STS says (RFC 8461 §2).</summary>
    Failed,
}
