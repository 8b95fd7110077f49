using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MtaSts.Client.MailKit;

/// <summary>The subjectAltName DNS-IDs of a certificate, for showing what a server presented.</summary>
internal static class CertificateNames
{
    private const string SubjectAlternativeNameOid = "2.5.29.17";

    public static string[] DnsNames(X509Certificate2 certificate)
    {
        var names = new List<string>();
        try
        {
            foreach (X509Extension extension in certificate.Extensions)
            {
                if (extension.Oid?.Value == SubjectAlternativeNameOid)
                {
                    var alternativeNames = extension as X509SubjectAlternativeNameExtension
                        ?? new X509SubjectAlternativeNameExtension(extension.RawData, extension.Critical);
                    names.AddRange(alternativeNames.EnumerateDnsNames());
                }
            }
        }
        catch (CryptographicException)
        {
            // A subjectAltName that does not decode names nothing.
        }

        return names.ToArray();
    }
}
