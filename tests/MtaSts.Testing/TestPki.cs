using System;
using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MtaSts.Testing;

/// <summary>
/// A certificate authority made by the tests: a root, an intermediate under it, and server
/// certificates signed by the intermediate with whatever names and dates a case needs. A second,
/// unrelated authority stands for a CA the sender does not trust. ECDSA P-256 keys, so that making
/// one costs microseconds.
/// </summary>
public sealed class TestPki
{
    private static readonly Lazy<TestPki> s_shared = new(() => new TestPki("MtaSts Test"));

    private readonly X509Certificate2 _intermediate;

    private TestPki(string name)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        Root = CreateAuthority($"CN={name} Root", issuer: null, now.AddYears(-2), now.AddYears(10));
        _intermediate = CreateAuthority($"CN={name} Intermediate", Root, now.AddYears(-1), now.AddYears(5));
    }

    /// <summary>Gets the authority the fetch tests trust.</summary>
    public static TestPki Trusted => s_shared.Value;

    /// <summary>Gets the root certificate, which the tests pass as the only trust root.</summary>
    public X509Certificate2 Root { get; }

    /// <summary>Gets the intermediate certificate, as a server sends it.</summary>
    public X509Certificate2 Intermediate => _intermediate;

    /// <summary>An authority of its own, trusted by nobody.</summary>
    public static TestPki CreateUnknown() => new("Unknown CA");

    /// <summary>A server certificate, valid from yesterday for a month, that names these hosts.</summary>
    public ServerCertificate Leaf(params string[] dnsNames) => Leaf(new LeafSpec { DnsNames = dnsNames });

    /// <summary>A server certificate as <paramref name="spec"/> describes it, signed by the intermediate.</summary>
    public ServerCertificate Leaf(LeafSpec spec)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        CertificateRequest request = LeafRequest(spec, key);
        request.CertificateExtensions.Add(
            X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_intermediate, true, false));

        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 signed = request.Create(
            _intermediate, spec.NotBefore ?? now.AddDays(-1), spec.NotAfter ?? now.AddDays(30), SerialNumber());
        X509Certificate2 leaf = signed.CopyWithPrivateKey(key);
        return new ServerCertificate(leaf, spec.SendIntermediate ? [PublicPart(_intermediate)] : []);
    }

    /// <summary>A server certificate signed by its own key, naming these hosts.</summary>
    public static ServerCertificate SelfSigned(params string[] dnsNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        CertificateRequest request = LeafRequest(new LeafSpec { DnsNames = dnsNames }, key);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        return new ServerCertificate(request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30)), []);
    }

    /// <summary>The certificate without its private key, as a client sees it.</summary>
    public static X509Certificate2 PublicPart(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadCertificate(certificate.RawData);

    private static CertificateRequest LeafRequest(LeafSpec spec, ECDsa key)
    {
        string subject = spec.Subject ?? (spec.DnsNames.Length > 0 ? $"CN={spec.DnsNames[0]}" : "CN=Test server");
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (spec.DnsNames.Length > 0 || spec.IPAddresses.Length > 0)
        {
            request.CertificateExtensions.Add(SubjectAlternativeName(spec.DnsNames, spec.IPAddresses));
        }

        foreach (X509Extension extension in spec.Extensions)
        {
            request.CertificateExtensions.Add(extension);
        }

        return request;
    }

    /// <summary>
    /// The subjectAltName written byte for byte: the platform's builder maps names through IDNA,
    /// which would lower-case them and refuse some of the malformed names the cases need.
    /// </summary>
    private static X509Extension SubjectAlternativeName(string[] dnsNames, IPAddress[] addresses)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            foreach (string name in dnsNames)
            {
                writer.WriteCharacterString(UniversalTagNumber.IA5String, name, new Asn1Tag(TagClass.ContextSpecific, 2));
            }

            foreach (IPAddress address in addresses)
            {
                writer.WriteOctetString(address.GetAddressBytes(), new Asn1Tag(TagClass.ContextSpecific, 7));
            }
        }

        return new X509Extension("2.5.29.17", writer.Encode(), critical: false);
    }

    private static X509Certificate2 CreateAuthority(
        string subject,
        X509Certificate2? issuer,
        DateTimeOffset notBefore,
        DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, issuer is not null, 0, true));
        request.CertificateExtensions.Add(
            new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (issuer is null)
        {
            return request.CreateSelfSigned(notBefore, notAfter);
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using X509Certificate2 signed = request.Create(issuer, notBefore, notAfter, SerialNumber());
        return signed.CopyWithPrivateKey(key);
    }

    private static byte[] SerialNumber()
    {
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        return serial;
    }
}
