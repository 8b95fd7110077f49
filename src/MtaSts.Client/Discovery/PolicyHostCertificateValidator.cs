using System;
using System.Collections.Generic;
using System.Net.Security;
using System.Security.Cryptography;
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
    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    private readonly X509Certificate2Collection _trustRoots;
    private readonly bool _checkRevocation;
    private readonly bool _allowDownloads;
    private readonly TimeProvider _timeProvider;

    public PolicyHostCertificateValidator(PolicyFetchOptions options, TimeProvider timeProvider)
    {
        _trustRoots = options.TrustRoots;
        _checkRevocation = options.CheckRevocation;
        _allowDownloads = options.AllowCertificateDownloads;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// The policy the platform builds the chain with during the handshake: the one <see cref="Validate"/>
    /// would build with itself, at the current time. On the system clock that chain is the one judged,
    /// so that a handshake builds one chain rather than two.
    /// </summary>
    public X509ChainPolicy CreateChainPolicy()
    {
        var policy = new X509ChainPolicy();
        Configure(policy);
        policy.VerificationTimeIgnored = true;
        return policy;
    }

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
    private bool Check(
        X509Certificate2 leaf,
        X509Chain? platformChain,
        SslPolicyErrors sslPolicyErrors,
        string host)
    {
        if (platformChain is not null && IsJudgedAsIs(platformChain))
        {
            if ((sslPolicyErrors & SslPolicyErrors.RemoteCertificateChainErrors) != 0)
            {
                throw Rejected(platformChain, _timeProvider.GetUtcNow().UtcDateTime, host);
            }
        }
        else
        {
            // The peer's intermediates are what the platform put in its chain's extra store.
            CheckOwnChain(leaf, platformChain?.ChainPolicy.ExtraStore, host);
        }

        if (!CertificateIdentity.Matches(leaf, host))
        {
            throw new PolicyHostException(PolicyFetchFailureReason.NameMismatch,
                $"The certificate of {host} has no subjectAltName DNS-ID for it "
                + $"(DNS-IDs: {DescribeDnsNames(leaf)}; subject: {leaf.Subject}).");
        }

        return true;
    }

    /// <summary>
    /// Whether the platform's chain is what this validator would have built: on the system clock, and
    /// with a policy that trusts, downloads and checks exactly as configured here. A policy changed
    /// on the handler after it was made, or a clock of its own, gets a chain built here.
    /// </summary>
    private bool IsJudgedAsIs(X509Chain chain)
    {
        X509ChainPolicy used = chain.ChainPolicy;
        return ReferenceEquals(_timeProvider, TimeProvider.System)
            && chain.ChainElements.Count > 0
            && used.VerificationTimeIgnored
            && used.VerificationFlags == X509VerificationFlags.NoFlag
            && used.RevocationMode == RevocationMode
            && used.RevocationFlag == X509RevocationFlag.ExcludeRoot
            && used.DisableCertificateDownloads == !_allowDownloads
            && used.CertificatePolicy.Count == 0
            && used.ApplicationPolicy.Count == 1
            && used.ApplicationPolicy[0].Value == ServerAuthenticationOid
            && used.TrustMode == TrustMode
            && HoldsExactly(used.CustomTrustStore, _trustRoots);
    }

    private X509RevocationMode RevocationMode =>
        _checkRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck;

    private X509ChainTrustMode TrustMode =>
        _trustRoots.Count > 0 ? X509ChainTrustMode.CustomRootTrust : X509ChainTrustMode.System;

    private static bool HoldsExactly(X509Certificate2Collection store, X509Certificate2Collection roots)
    {
        if (store.Count != roots.Count)
        {
            return false;
        }

        for (int i = 0; i < store.Count; i++)
        {
            if (!store[i].RawDataMemory.Span.SequenceEqual(roots[i].RawDataMemory.Span))
            {
                return false;
            }
        }

        return true;
    }

    private void Configure(X509ChainPolicy policy)
    {
        policy.RevocationMode = RevocationMode;
        policy.RevocationFlag = X509RevocationFlag.ExcludeRoot;
        policy.DisableCertificateDownloads = !_allowDownloads;
        policy.ApplicationPolicy.Add(new Oid(ServerAuthenticationOid));
        policy.TrustMode = TrustMode;
        policy.CustomTrustStore.AddRange(_trustRoots);
    }

    private void CheckOwnChain(X509Certificate2 leaf, X509Certificate2Collection? sent, string host)
    {
        DateTime now = _timeProvider.GetUtcNow().UtcDateTime;
        using var chain = new X509Chain();
        X509ChainPolicy policy = chain.ChainPolicy;
        Configure(policy);
        policy.VerificationTime = now;
        policy.VerificationTimeIgnored = false;
        if (sent is not null)
        {
            policy.ExtraStore.AddRange(sent);
        }

        try
        {
            if (!chain.Build(leaf))
            {
                throw Rejected(chain, now, host);
            }
        }
        finally
        {
            // The chain hands out copies of its certificates; they are released here, not by the finalizer.
            foreach (X509ChainElement element in chain.ChainElements)
            {
                element.Certificate.Dispose();
            }
        }
    }

    private static PolicyHostException Rejected(X509Chain chain, DateTime now, string host)
    {
        X509ChainStatusFlags flags = X509ChainStatusFlags.NoError;
        foreach (X509ChainStatus status in chain.ChainStatus)
        {
            flags |= status.Status;
        }

        // A chain that fails only on dates is reported as expired or not yet valid; any other
        // problem (no trusted root, a bad signature, a missing intermediate) makes it untrusted.
        const X509ChainStatusFlags timeFlags = X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested;
        if ((flags & ~timeFlags) != 0 || (flags & X509ChainStatusFlags.NotTimeValid) == 0)
        {
            return new PolicyHostException(PolicyFetchFailureReason.Untrusted,
                $"The certificate of {host} does not chain to a trusted root ({flags}).");
        }

        foreach (X509ChainElement element in chain.ChainElements)
        {
            X509Certificate2 certificate = element.Certificate;
            if (certificate.NotBefore.ToUniversalTime() > now)
            {
                return new PolicyHostException(PolicyFetchFailureReason.NotYetValid,
                    $"The certificate {certificate.Subject} in the chain of {host} is not valid before "
                    + $"{certificate.NotBefore.ToUniversalTime():u}.");
            }

            if (certificate.NotAfter.ToUniversalTime() < now)
            {
                return new PolicyHostException(PolicyFetchFailureReason.Expired,
                    $"The certificate {certificate.Subject} in the chain of {host} expired at "
                    + $"{certificate.NotAfter.ToUniversalTime():u}.");
            }
        }

        return new PolicyHostException(PolicyFetchFailureReason.Expired,
            $"The chain of {host} is outside its validity period ({flags}).");
    }

    private static string DescribeDnsNames(X509Certificate2 certificate)
    {
        var names = new List<string>();
        try
        {
            foreach (X509Extension extension in certificate.Extensions)
            {
                if (extension is X509SubjectAlternativeNameExtension alternativeNames)
                {
                    names.AddRange(alternativeNames.EnumerateDnsNames());
                }
            }
        }
        catch (CryptographicException)
        {
            // The message only describes the certificate; an undecodable name is left out of it.
        }

        return names.Count == 0 ? "none" : string.Join(", ", names);
    }
}
