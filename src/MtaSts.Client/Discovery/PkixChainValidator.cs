using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MtaSts.Client.Discovery;

/// <summary>
/// Builds a server certificate's chain with the trust settings the caller chose rather than the
/// platform's defaults: offline unless downloads are allowed, revocation checked only on request,
/// the given roots only when any are given, and the clock of the injected <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>Names are not looked at here; that is <see cref="Policies.CertificateIdentity"/>'s job.</remarks>
internal sealed class PkixChainValidator
{
    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    private const X509ChainStatusFlags TimeFlags =
        X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested;

    private readonly X509Certificate2Collection _trustRoots;
    private readonly bool _checkRevocation;
    private readonly bool _allowDownloads;
    private readonly TimeProvider _timeProvider;

    public PkixChainValidator(
        X509Certificate2Collection trustRoots,
        bool checkRevocation,
        bool allowDownloads,
        TimeProvider timeProvider)
    {
        _trustRoots = trustRoots;
        _checkRevocation = checkRevocation;
        _allowDownloads = allowDownloads;
        _timeProvider = timeProvider;
    }

    public TimeProvider TimeProvider => _timeProvider;

    /// <summary>Builds the chain of <paramref name="leaf"/>, helped by the intermediates the server sent.</summary>
    public ChainVerdict Validate(X509Certificate2 leaf, X509Certificate2Collection? sent, string host)
    {
        DateTimeOffset now = _timeProvider.GetUtcNow();
        using var chain = new X509Chain();
        X509ChainPolicy policy = chain.ChainPolicy;
        policy.RevocationMode = _checkRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck;
        policy.RevocationFlag = X509RevocationFlag.ExcludeRoot;
        policy.DisableCertificateDownloads = !_allowDownloads;
        policy.VerificationTime = now.UtcDateTime;
        policy.VerificationTimeIgnored = false;
        policy.ApplicationPolicy.Add(new Oid(ServerAuthenticationOid));
        if (sent is not null)
        {
            policy.ExtraStore.AddRange(sent);
        }

        if (_trustRoots.Count > 0)
        {
            policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            policy.CustomTrustStore.AddRange(_trustRoots);
        }

        try
        {
            return chain.Build(leaf) ? Trusted(chain, host) : Rejected(chain, leaf, now, host);
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

    private static ChainVerdict Trusted(X509Chain chain, string host)
    {
        DateTimeOffset validUntil = DateTimeOffset.MaxValue;
        foreach (X509ChainElement element in chain.ChainElements)
        {
            var notAfter = new DateTimeOffset(element.Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            if (notAfter < validUntil)
            {
                validUntil = notAfter;
            }
        }

        return new ChainVerdict(ChainStatus.Trusted, "trusted",
            $"The certificate of {host} chains to a trusted root.", validUntil);
    }

    private static ChainVerdict Rejected(X509Chain chain, X509Certificate2 leaf, DateTimeOffset now, string host)
    {
        X509ChainStatusFlags flags = X509ChainStatusFlags.NoError;
        foreach (X509ChainStatus status in chain.ChainStatus)
        {
            flags |= status.Status;
        }

        // A chain that fails only on dates is expired or not yet valid; any other problem makes
        // it untrusted, whatever its dates.
        if ((flags & ~TimeFlags) != 0 || (flags & X509ChainStatusFlags.NotTimeValid) == 0)
        {
            return new ChainVerdict(ChainStatus.Untrusted, UntrustedReason(flags, leaf),
                $"The certificate of {host} does not chain to a trusted root ({flags}).", now);
        }

        foreach (X509ChainElement element in chain.ChainElements)
        {
            X509Certificate2 certificate = element.Certificate;
            if (certificate.NotBefore.ToUniversalTime() > now.UtcDateTime)
            {
                return new ChainVerdict(ChainStatus.NotYetValid, "not-yet-valid",
                    $"The certificate {certificate.Subject} in the chain of {host} is not valid before "
                    + $"{certificate.NotBefore.ToUniversalTime():u}.", now);
            }

            if (certificate.NotAfter.ToUniversalTime() < now.UtcDateTime)
            {
                return new ChainVerdict(ChainStatus.Expired, "expired",
                    $"The certificate {certificate.Subject} in the chain of {host} expired at "
                    + $"{certificate.NotAfter.ToUniversalTime():u}.", now);
            }
        }

        return new ChainVerdict(ChainStatus.Expired, "expired",
            $"The chain of {host} is outside its validity period ({flags}).", now);
    }

    private static string UntrustedReason(X509ChainStatusFlags flags, X509Certificate2 leaf)
    {
        if ((flags & X509ChainStatusFlags.Revoked) != 0)
        {
            return "revoked";
        }

        if ((flags & X509ChainStatusFlags.PartialChain) != 0)
        {
            return "partial-chain";
        }

        if ((flags & X509ChainStatusFlags.UntrustedRoot) != 0)
        {
            return leaf.SubjectName.RawData.AsSpan().SequenceEqual(leaf.IssuerName.RawData) ? "self-signed" : "untrusted-root";
        }

        if ((flags & X509ChainStatusFlags.NotSignatureValid) != 0)
        {
            return "bad-signature";
        }

        return (flags & X509ChainStatusFlags.RevocationStatusUnknown) != 0 ? "revocation-unknown" : "chain-invalid";
    }
}
