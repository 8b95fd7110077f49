using System;
using System.Security.Cryptography.X509Certificates;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Decision;

/// <summary>
/// Checks an MX host's certificate as RFC 8461 §4.2 requires: a trusted chain within its validity
/// period, then a subjectAltName DNS-ID for the MX host (never the common name).
/// </summary>
internal sealed class MxCertificateValidator
{
    private readonly PkixChainValidator _chains;
    private readonly TrustedChainCache _cache;
    private readonly TimeProvider _time;

    public MxCertificateValidator(MxCertificateOptions options, TimeProvider timeProvider)
    {
        _chains = new PkixChainValidator(
            options.TrustRoots, options.CheckRevocation, options.AllowCertificateDownloads, timeProvider);

        // A revocation verdict is only as good as the moment it was asked, so nothing is remembered.
        _cache = new TrustedChainCache(options.CheckRevocation ? 0 : options.ChainCacheCapacity);
        _time = timeProvider;
    }

    internal TrustedChainCache Cache => _cache;

    /// <summary>Whether the certificate is valid for the MX host; when it is not, the failure to report.</summary>
    public bool TryValidate(
        string mxHost,
        X509Certificate2 certificate,
        X509Chain? presented,
        out CertificateFailure failure)
    {
        DateTimeOffset now = _time.GetUtcNow();
        string[] dnsNames;
        if (_cache.TryGet(certificate, now, out TrustedChain? known))
        {
            dnsNames = known!.DnsNames;
        }
        else
        {
            ChainVerdict verdict = _chains.Validate(certificate, SentCertificates(presented), mxHost);
            if (!verdict.IsTrusted)
            {
                failure = verdict.Status switch
                {
                    ChainStatus.Expired => new(ResultTypes.CertificateExpired, MxReasonCodes.Expired, verdict.Message),
                    ChainStatus.NotYetValid =>
                        new(ResultTypes.CertificateNotTrusted, MxReasonCodes.NotYetValid, verdict.Message),
                    _ => new(ResultTypes.CertificateNotTrusted, verdict.ReasonCode, verdict.Message),
                };
                return false;
            }

            dnsNames = CertificateIdentity.GetDnsNames(certificate);
            _cache.Add(certificate, new TrustedChain(dnsNames, verdict.ValidUntil), now);
        }

        if (!CertificateIdentity.TryNormalizeHost(mxHost, out ReadOnlySpan<char> host)
            || !CertificateIdentity.AnyMatches(dnsNames, host))
        {
            string names = dnsNames.Length == 0 ? "none" : string.Join(", ", dnsNames);
            failure = new(ResultTypes.CertificateHostMismatch, MxReasonCodes.NameMismatch,
                $"The certificate of {mxHost} has no subjectAltName DNS-ID for it "
                + $"(DNS-IDs: {names}; subject: {certificate.Subject}).");
            return false;
        }

        failure = default;
        return true;
    }

    /// <summary>
    /// The certificates the server sent, which the platform puts in the extra store of the chain it
    /// hands to the validation callback; its own verdict is not used.
    /// </summary>
    private static X509Certificate2Collection? SentCertificates(X509Chain? presented)
    {
        if (presented is null)
        {
            return null;
        }

        var sent = new X509Certificate2Collection(presented.ChainPolicy.ExtraStore);
        foreach (X509ChainElement element in presented.ChainElements)
        {
            sent.Add(element.Certificate);
        }

        return sent;
    }
}
