using System;
using System.Collections.Generic;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace MtaSts.Client.MailKit;

/// <summary>
/// The DKIM key that signs TLS report messages (RFC 8460 §3, §5.3): a selector, the signing domain,
/// and the private key, from a PEM file or as a key object.
/// </summary>
/// <remarks>
/// Receivers ignore report mail without a valid DKIM signature of the submitter domain. Publish the
/// public key at <c>&lt;selector&gt;._domainkey.&lt;domain&gt;</c>; RFC 8460 §3 recommends the
/// service type <c>s=tlsrpt</c> in that record, which a key for ordinary mail (<c>s=email</c>) does
/// not have, so use a selector of its own or <c>s=email:tlsrpt</c>.
/// </remarks>
public sealed class DkimSigningOptions
{
    /// <summary>Gets or sets the selector (<c>s=</c>), such as <c>tlsrpt</c>.</summary>
    /// <value>No default; required when a key is set.</value>
    public string? Selector { get; set; }

    /// <summary>Gets or sets the signing domain (<c>d=</c>); it must be the submitter domain.</summary>
    /// <value><see langword="null"/>: the submitter domain.</value>
    public string? Domain { get; set; }

    /// <summary>
    /// Gets or sets the path of a PEM file holding the private key (PKCS #1 or PKCS #8, not encrypted).
    /// It is read once, when the mailer is created.
    /// </summary>
    /// <value><see langword="null"/>: no key file. Set this or <see cref="PrivateKey"/>, not both.</value>
    public string? PrivateKeyFile { get; set; }

    /// <summary>Gets or sets the private key as a key object: RSA, or Ed25519 for <c>ed25519-sha256</c>.</summary>
    /// <value><see langword="null"/>: no key object. Set this or <see cref="PrivateKeyFile"/>, not both.</value>
    public AsymmetricKeyParameter? PrivateKey { get; set; }

    /// <summary>Gets or sets the signature algorithm.</summary>
    /// <value>
    /// <see cref="DkimSignatureAlgorithm.RsaSha256"/>. <see cref="DkimSignatureAlgorithm.Ed25519Sha256"/>
    /// takes an Ed25519 key; <c>rsa-sha1</c> is refused (RFC 8301).
    /// </value>
    public DkimSignatureAlgorithm Algorithm { get; set; } = DkimSignatureAlgorithm.RsaSha256;

    /// <summary>Gets a value indicating whether a key is set, so that report messages are signed.</summary>
    public bool HasKey => PrivateKeyFile is not null || PrivateKey is not null;

    internal DkimSigningOptions Clone() => new()
    {
        Selector = Selector,
        Domain = Domain,
        PrivateKeyFile = PrivateKeyFile,
        PrivateKey = PrivateKey,
        Algorithm = Algorithm,
    };

    /// <summary>Adds the problems of these settings to <paramref name="problems"/>; the key is read later.</summary>
    internal void Collect(string prefix, string? submitterDomain, List<string> problems)
    {
        if (!HasKey)
        {
            if (Selector is not null || Domain is not null)
            {
                problems.Add($"{prefix}.{nameof(Selector)} or {prefix}.{nameof(Domain)} is set, but no key: "
                    + $"set {prefix}.{nameof(PrivateKeyFile)} or {prefix}.{nameof(PrivateKey)}.");
            }

            return;
        }

        if (PrivateKeyFile is not null && PrivateKey is not null)
        {
            problems.Add(
                $"{prefix}.{nameof(PrivateKeyFile)} and {prefix}.{nameof(PrivateKey)} are both set; set one.");
        }

        if (PrivateKeyFile is { } file && string.IsNullOrWhiteSpace(file))
        {
            problems.Add($"{prefix}.{nameof(PrivateKeyFile)} is empty.");
        }

        if (!IsSelector(Selector))
        {
            problems.Add($"{prefix}.{nameof(Selector)} must be one or more labels of letters, digits and hyphens "
                + $"(was '{Selector}').");
        }

        if (Domain is not null && submitterDomain is not null
            && !string.Equals(DomainNames.Normalize(Domain), submitterDomain, StringComparison.Ordinal))
        {
            problems.Add($"{prefix}.{nameof(Domain)} '{Domain}' must be the submitter domain "
                + $"'{submitterDomain}': receivers accept only a signature of the reporting domain "
                + "(RFC 8460 §3).");
        }

        if (Algorithm is not (DkimSignatureAlgorithm.RsaSha256 or DkimSignatureAlgorithm.Ed25519Sha256))
        {
            problems.Add($"{prefix}.{nameof(Algorithm)} must be RsaSha256 or Ed25519Sha256 (was {Algorithm}); "
                + "RFC 8301 forbids signing with rsa-sha1.");
        }
    }

    /// <summary>RFC 6376 §3.1: a selector is sub-domains of letters, digits and inner hyphens.</summary>
    private static bool IsSelector(string? selector)
    {
        if (string.IsNullOrEmpty(selector) || selector.Length > 253)
        {
            return false;
        }

        foreach (string label in selector.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (char c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }
        }

        return true;
    }
}
