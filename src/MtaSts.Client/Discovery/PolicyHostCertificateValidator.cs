using System;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Discovery;

/// <summary>
/// Checks the Policy Host's certificate as RFC 8461 §3.3 requires: a chain to a trusted root, built
/// with the fetch options rather than the platform's defaults, within its validity period, and a
/// subjectAltName DNS-ID for the host (never the common name).
/// </summary>
/// <remarks>
/// A rejection is thrown rather than returned as <see langword="false"/>, so that the reason travels
/// inside the handler's exception to the fetcher instead of becoming a bare handshake failure.
/// </remarks>
internal sealed class PolicyHostCertificateValidator
{
    private readonly PkixChainValidator _chains;

    public PolicyHostCertificateValidator(PolicyFetchOptions options, TimeProvider timeProvider)
    {
        _chains = new PkixChainValidator(
            options.TrustRoots, options.CheckRevocation, options.AllowCertificateDownloads, timeProvider);
    }

    /// <summary>
    /// The policy the platform builds the chain with during the handshake; on the system clock that
    /// chain is the one judged, so that a handshake builds one chain rather than two.
    /// </summary>
    public X509ChainPolicy CreateChainPolicy() => _chains.CreateChainPolicy();

    /// <summary>The <see cref="RemoteCertificateValidationCallback"/> for the Policy Host connection.</summary>
    /// <exception cref="PolicyHostException">The certificate is not valid for the Policy Host.</exception>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors sslPolicyErrors)
    {
        string host = (sender as SslStream)?.TargetHostName ?? string.Empty;
        if (certificate is null)
        {
            throw new PolicyHostException(PolicyFetchFailureReason.Untrusted, $"{host} presented no certificate.");
        }

        if (certificate is X509Certificate2 leaf)
        {
            return Check(leaf, chain, sslPolicyErrors, host);
        }

        using var copy = new X509Certificate2(certificate);
        return Check(copy, chain, sslPolicyErrors, host);
    }

    /// <returns><see langword="true"/>; a certificate that fails is thrown out with its reason.</returns>
    private bool Check(X509Certificate2 leaf, X509Chain? platformChain, SslPolicyErrors sslPolicyErrors, string host)
    {
        // The peer's intermediates are what the platform put in its chain's extra store.
        ChainVerdict verdict = platformChain is not null && _chains.IsBuiltAsConfigured(platformChain)
            ? _chains.Judge(platformChain,
                (sslPolicyErrors & SslPolicyErrors.RemoteCertificateChainErrors) == 0, leaf, host)
            : _chains.Validate(leaf, platformChain?.ChainPolicy.ExtraStore, host);
        if (!verdict.IsTrusted)
        {
            PolicyFetchFailureReason reason = verdict.Status switch
            {
                ChainStatus.Expired => PolicyFetchFailureReason.Expired,
                ChainStatus.NotYetValid => PolicyFetchFailureReason.NotYetValid,
                _ => PolicyFetchFailureReason.Untrusted,
            };
            throw new PolicyHostException(reason, verdict.Message);
        }

        if (!CertificateIdentity.Matches(leaf, host))
        {
            throw new PolicyHostException(PolicyFetchFailureReason.NameMismatch,
                $"The certificate of {host} has no subjectAltName DNS-ID for it "
                + $"(DNS-IDs: {CertificateIdentity.DescribeDnsNames(leaf)}; subject: {leaf.Subject}).");
        }

        return true;
    }
}
