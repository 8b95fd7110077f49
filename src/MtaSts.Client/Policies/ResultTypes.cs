namespace MtaSts.Client.Policies;

/// <summary>
/// The result types of SMTP TLS Reporting (RFC 8460 §4.3 and the IANA registry it creates), which
/// every failure in this library carries, and <see cref="Success"/> for a session that met its policy.
/// </summary>
public static class ResultTypes
{
    /// <summary><c>success</c>: not an RFC 8460 failure type; the session negotiated TLS as its policy requires.</summary>
    public const string Success = "success";

    /// <summary><c>starttls-not-supported</c>: the MX host did not offer STARTTLS.</summary>
    public const string StartTlsNotSupported = "starttls-not-supported";

    /// <summary><c>certificate-host-mismatch</c>: no subjectAltName DNS-ID of the certificate names the MX host.</summary>
    public const string CertificateHostMismatch = "certificate-host-mismatch";

    /// <summary><c>certificate-expired</c>: the certificate, or one in its chain, has expired.</summary>
    public const string CertificateExpired = "certificate-expired";

    /// <summary><c>certificate-not-trusted</c>: the chain does not lead to a trusted root, or is otherwise unusable.</summary>
    public const string CertificateNotTrusted = "certificate-not-trusted";

    /// <summary><c>validation-failure</c>: a failure no other type describes, such as an MX host outside the policy.</summary>
    public const string ValidationFailure = "validation-failure";

    /// <summary><c>tlsa-invalid</c>: no TLSA record of the MX host's DANE policy matched.</summary>
    public const string TlsaInvalid = "tlsa-invalid";

    /// <summary><c>dnssec-invalid</c>: the resolver returned no DNSSEC-validated answer.</summary>
    public const string DnssecInvalid = "dnssec-invalid";

    /// <summary><c>dane-required</c>: DANE is required for the destination but it has no usable TLSA records.</summary>
    public const string DaneRequired = "dane-required";

    /// <summary><c>sts-policy-fetch-error</c>: the MTA-STS policy could not be fetched.</summary>
    public const string StsPolicyFetchError = "sts-policy-fetch-error";

    /// <summary><c>sts-policy-invalid</c>: the fetched MTA-STS policy is not valid.</summary>
    public const string StsPolicyInvalid = "sts-policy-invalid";

    /// <summary><c>sts-webpki-invalid</c>: the Policy Host's certificate did not pass PKIX validation.</summary>
    public const string StsWebPkiInvalid = "sts-webpki-invalid";
}
