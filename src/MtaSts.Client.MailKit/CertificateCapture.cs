using System;
using System.Collections.Generic;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace MtaSts.Client.MailKit;

/// <summary>
/// A certificate callback for the probe: accepts whatever the server presents, so that the rest of
/// the session can be seen, and keeps copies of the certificate and of what the server sent with it.
/// </summary>
internal sealed class CertificateCapture
{
    public MxProbeCertificate? Certificate { get; private set; }

    public IReadOnlyList<MxProbeCertificate> Sent { get; private set; } = [];

    public SslPolicyErrors PlatformErrors { get; private set; }

    public bool Validate(
        object sender,
        X509Certificate? certificate,
        X509Chain? chain,
        SslPolicyErrors sslPolicyErrors)
    {
        PlatformErrors = sslPolicyErrors;
        if (certificate is null)
        {
            return false;
        }

        // The platform disposes of its chain after the callback; the probe's result outlives it.
        byte[] leaf = certificate.GetRawCertData();
        Certificate = new MxProbeCertificate(new X509Certificate2(leaf));
        var sent = new List<MxProbeCertificate>();
        if (chain is not null)
        {
            foreach (X509Certificate2 extra in chain.ChainPolicy.ExtraStore)
            {
                if (!extra.RawDataMemory.Span.SequenceEqual(leaf))
                {
                    sent.Add(new MxProbeCertificate(new X509Certificate2(extra.RawData)));
                }
            }
        }

        Sent = sent;
        return true;
    }
}
