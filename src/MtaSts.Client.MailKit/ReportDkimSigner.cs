using System;
using System.IO;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;

namespace MtaSts.Client.MailKit;

/// <summary>
/// MimeKit's DKIM signer set up for report messages: relaxed canonicalization of header and body, no
/// body length (<c>l=</c>, which RFC 8460 §3 forbids), and the time of the injected clock as <c>t=</c>.
/// </summary>
internal sealed class ReportDkimSigner : DkimSigner
{
    private const int MinimumRsaBits = 1024;

    // RFC 8460 §5.3 asks for the two TLS-Report headers; the others bind who, when, and the MIME structure.
    private static readonly string[] s_signedHeaders =
    [
        "From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
        TlsReportMessage.ReportDomainHeader, TlsReportMessage.ReportSubmitterHeader,
    ];

    private readonly TimeProvider _time;

    private ReportDkimSigner(
        AsymmetricKeyParameter key,
        string domain,
        DkimSigningOptions options,
        TimeProvider time)
        : base(key, domain, options.Selector!, options.Algorithm)
    {
        _time = time;
        HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed;
        BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed;
    }

    // MimeKit reads the PEM file (PKCS #1 or PKCS #8), so that one reader decides what a key file is.
    private ReportDkimSigner(string keyFile, string domain, DkimSigningOptions options, TimeProvider time)
        : base(keyFile, domain, options.Selector!, options.Algorithm)
    {
        _time = time;
        HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed;
        BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed;
    }

    /// <summary>
    /// Makes the signer of checked options: reads the key file, and checks that the key is private and
    /// fits the algorithm. <see langword="null"/> with <paramref name="problem"/> when it does not.
    /// </summary>
    public static ReportDkimSigner? Create(
        DkimSigningOptions options,
        string submitterDomain,
        TimeProvider timeProvider,
        out string? problem)
    {
        if (options.PrivateKey is { IsPrivate: false })
        {
            problem = $"{nameof(DkimSigningOptions.PrivateKey)} is a public key; signing needs the private key.";
            return null;
        }

        ReportDkimSigner signer;
        try
        {
            signer = options.PrivateKey is { } key
                ? new ReportDkimSigner(key, submitterDomain, options, timeProvider)
                : new ReportDkimSigner(options.PrivateKeyFile!, submitterDomain, options, timeProvider);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException
            or ArgumentException or InvalidCastException)
        {
            problem = options.PrivateKey is null
                ? $"{nameof(DkimSigningOptions.PrivateKeyFile)} '{options.PrivateKeyFile}' holds no private key "
                    + $"that can be read: {e.Message}"
                : $"{nameof(DkimSigningOptions.PrivateKey)} cannot sign: {e.Message}";
            return null;
        }

        problem = CheckKey(signer.PrivateKey, options.Algorithm);
        return problem is null ? signer : null;
    }

    /// <summary>Signs a message that is ready to send: nothing of it may change after this.</summary>
    public void Sign(MimeMessage message) => Sign(message, s_signedHeaders);

    /// <inheritdoc/>
    protected override long GetTimestamp() => _time.GetUtcNow().ToUnixTimeSeconds();

    private static string? CheckKey(AsymmetricKeyParameter key, DkimSignatureAlgorithm algorithm)
    {
        return algorithm switch
        {
            DkimSignatureAlgorithm.Ed25519Sha256 when key is not Ed25519PrivateKeyParameters =>
                "the algorithm is Ed25519Sha256, but the key is not an Ed25519 key.",
            DkimSignatureAlgorithm.RsaSha256 when key is not RsaKeyParameters =>
                "the algorithm is RsaSha256, but the key is not an RSA key.",
            DkimSignatureAlgorithm.RsaSha256 when ((RsaKeyParameters)key).Modulus.BitLength < MinimumRsaBits =>
                $"the RSA key has {((RsaKeyParameters)key).Modulus.BitLength} bits; RFC 8301 asks for at least "
                + $"{MinimumRsaBits}, and 2048 is usual.",
            _ => null,
        };
    }
}
