using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MtaSts.Client.MailKit;

/// <summary>A certificate an MX host presented, with what a person checking it looks at first.</summary>
public sealed class MxProbeCertificate
{
    internal MxProbeCertificate(X509Certificate2 certificate)
    {
        Certificate = certificate;
        Subject = certificate.Subject;
        Issuer = certificate.Issuer;
        NotBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        NotAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        DnsNames = CertificateNames.DnsNames(certificate);
        Sha256Fingerprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    /// <summary>Gets the certificate (a copy, without a private key).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Gets the subject's distinguished name.</summary>
    public string Subject { get; }

    /// <summary>Gets the issuer's distinguished name.</summary>
    public string Issuer { get; }

    /// <summary>Gets the start of validity, in UTC.</summary>
    public DateTimeOffset NotBefore { get; }

    /// <summary>Gets the end of validity, in UTC.</summary>
    public DateTimeOffset NotAfter { get; }

    /// <summary>Gets the subjectAltName DNS-IDs as written, the names MTA-STS matches (RFC 8461 §4.2).</summary>
    public IReadOnlyList<string> DnsNames { get; }

    /// <summary>Gets the SHA-256 fingerprint of the certificate, in upper-case hexadecimal.</summary>
    public string Sha256Fingerprint { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Subject} (DNS: {(DnsNames.Count == 0 ? "none" : string.Join(", ", DnsNames))}; issuer {Issuer}; "
        + $"not after {NotAfter:yyyy-MM-dd HH:mm:ss}Z)";
}
