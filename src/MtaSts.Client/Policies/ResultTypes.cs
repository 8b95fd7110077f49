using System;
using System.Collections.Generic;

namespace MtaSts.Client.Policies;

/// <summary>
/// The result types of a TLS report (RFC 8460 §4.3, the IANA "STARTTLS Validation Result Types"
/// registry), plus <see cref="Success"/> for a session that negotiated policy-compliant TLS.
/// </summary>
public static class ResultTypes
{
    /// <summary>The session negotiated TLS as the policy requires; counted, never listed as a failure.</summary>
    public const string Success = "success";

    /// <summary>The MX host did not offer STARTTLS.</summary>
    public const string StartTlsNotSupported = "starttls-not-supported";

    /// <summary>No identity in the MX host's certificate matches the host name the policy requires.</summary>
    public const string CertificateHostMismatch = "certificate-host-mismatch";

    /// <summary>The MX host's certificate has expired.</summary>
    public const string CertificateExpired = "certificate-expired";

    /// <summary>The MX host's certificate does not chain to a trusted root, or the chain is otherwise invalid.</summary>
    public const string CertificateNotTrusted = "certificate-not-trusted";

    /// <summary>A failure no other type describes; a failure reason code should say which.</summary>
    public const string ValidationFailure = "validation-failure";

    /// <summary>No record of the DANE TLSA RRset was found valid.</summary>
    public const string TlsaInvalid = "tlsa-invalid";

    /// <summary>No DNSSEC-validated records came back from the resolver.</summary>
    public const string DnssecInvalid = "dnssec-invalid";

    /// <summary>DANE is required for the destination, but the MX host had no DNSSEC-validated TLSA records.</summary>
    public const string DaneRequired = "dane-required";

    /// <summary>The MTA-STS policy could not be retrieved.</summary>
    public const string StsPolicyFetchError = "sts-policy-fetch-error";

    /// <summary>The retrieved MTA-STS policy failed validation.</summary>
    public const string StsPolicyInvalid = "sts-policy-invalid";

    /// <summary>The MTA-STS policy could not be authenticated with PKIX (the Policy Host's certificate).</summary>
    public const string StsWebPkiInvalid = "sts-webpki-invalid";

    private static readonly HashSet<string> s_failures = new(StringComparer.Ordinal)
    {
        StartTlsNotSupported,
        CertificateHostMismatch,
        CertificateExpired,
        CertificateNotTrusted,
        ValidationFailure,
        TlsaInvalid,
        DnssecInvalid,
        DaneRequired,
        StsPolicyFetchError,
        StsPolicyInvalid,
        StsWebPkiInvalid,
    };

    /// <summary>Gets the eleven failure result types of RFC 8460, in no particular order.</summary>
    public static IReadOnlyCollection<string> Failures => s_failures;

    /// <summary>Whether a value is one of the eleven failure result types (case-sensitive).</summary>
    /// <param name="resultType">The value.</param>
    /// <returns><see langword="true"/> for a registered failure result type.</returns>
    public static bool IsFailure(string? resultType) => resultType is not null && s_failures.Contains(resultType);

    /// <summary>Whether a result type concerns the MTA-STS policy itself (<c>sts-</c>), not an MX session.</summary>
    /// <param name="resultType">The value.</param>
    /// <returns>
    /// <see langword="true"/> for <see cref="StsPolicyFetchError"/>, <see cref="StsPolicyInvalid"/> and
    /// <see cref="StsWebPkiInvalid"/>.
    /// </returns>
    public static bool IsStsPolicyFailure(string? resultType) =>
        resultType is StsPolicyFetchError or StsPolicyInvalid or StsWebPkiInvalid;
}
