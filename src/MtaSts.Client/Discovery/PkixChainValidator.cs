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

    /// <summary>
    /// The chain policy a TLS client should build with during the handshake: the one
    /// <see cref="Validate"/> builds with, at the current time, so that the chain the handshake built
    /// can be judged as it is (<see cref="IsBuiltAsConfigured"/>) rather than built a second time.
    /// </summary>
    public X509ChainPolicy CreateChainPolicy()
    {
        var policy = new X509ChainPolicy();
        Configure(policy);
        policy.VerificationTimeIgnored = true;
        return policy;
    }

    /// <summary>
    /// Whether a chain the platform built is what <see cref="Validate"/> would have built: on the
    /// system clock, with a policy that trusts, downloads and checks exactly as configured here. A
    /// policy changed after it was handed out, or a clock of its own, needs a chain built here.
    /// </summary>
    public bool IsBuiltAsConfigured(X509Chain chain)
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

    /// <summary>The verdict on a chain the platform built as configured here (see <see cref="IsBuiltAsConfigured"/>).</summary>
    /// <param name="chain">The chain built during the handshake.</param>
    /// <param name="built">Whether the platform found it valid (no chain errors).</param>
    /// <param name="leaf">The server's certificate.</param>
    /// <param name="host">The host, for messages.</param>
    public ChainVerdict Judge(X509Chain chain, bool built, X509Certificate2 leaf, string host) =>
        built ? Trusted(chain, host) : Rejected(chain, leaf, _timeProvider.GetUtcNow(), host);

    /// <summary>Builds the chain of <paramref name="leaf"/>, helped by the intermediates the server sent.</summary>
    public ChainVerdict Validate(X509Certificate2 leaf, X509Certificate2Collection? sent, string host)
    {
        DateTimeOffset now = _timeProvider.GetUtcNow();
        using var chain = new X509Chain();
        X509ChainPolicy policy = chain.ChainPolicy;
        Configure(policy);
        policy.VerificationTime = now.UtcDateTime;
        policy.VerificationTimeIgnored = false;
        if (sent is not null)
        {
            policy.ExtraStore.AddRange(sent);
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
