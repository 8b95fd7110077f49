using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace MtaSts.Testing;

/// <summary>A certificate with its private key, and the intermediates a server sends with it.</summary>
public sealed class ServerCertificate
{
    private SslStreamCertificateContext? _context;

    public ServerCertificate(X509Certificate2 leaf, X509Certificate2[] intermediates)
    {
        Leaf = leaf;
        Intermediates = intermediates;
    }

    public X509Certificate2 Leaf { get; }

    public X509Certificate2[] Intermediates { get; }

    /// <summary>Gets what the TLS server presents: exactly the leaf and the intermediates given, built offline.</summary>
    public SslStreamCertificateContext Context =>
        _context ??= SslStreamCertificateContext.Create(Leaf, new X509Certificate2Collection(Intermediates), offline: true);
}
