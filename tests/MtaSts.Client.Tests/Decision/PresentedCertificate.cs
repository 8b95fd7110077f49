using System;
using System.Security.Cryptography.X509Certificates;
using MtaSts.Testing;

namespace MtaSts.Client.Tests.Decision;

/// <summary>What an MX host presents in its handshake, as a TLS client hands it to the validation callback.</summary>
public sealed class PresentedCertificate : IDisposable
{
    public PresentedCertificate(ServerCertificate server)
    {
        Leaf = TestPki.PublicPart(server.Leaf);
        Chain = new X509Chain();
        foreach (X509Certificate2 intermediate in server.Intermediates)
        {
            Chain.ChainPolicy.ExtraStore.Add(TestPki.PublicPart(intermediate));
        }
    }

    public X509Certificate2 Leaf { get; }

    /// <summary>Gets a chain whose extra store holds the intermediates the server sent, as SslStream gives it.</summary>
    public X509Chain Chain { get; }

    public void Dispose()
    {
        Chain.Dispose();
        Leaf.Dispose();
    }
}
