using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using MtaSts.Testing;
using NUnit.Framework;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace MtaSts.Client.MailKit.Tests;

/// <summary>
/// DKIM keys made by the tests: the private key as a PEM file and as a key object, and the public key
/// as the TXT record a receiver finds at <c>selector._domainkey.domain</c>.
/// </summary>
internal sealed class DkimTestKey
{
    public const string Selector = "tlsrpt";
    public const string Domain = "sender.example";

    private static readonly Lazy<DkimTestKey> s_rsa = new(CreateRsa);
    private static readonly Lazy<DkimTestKey> s_ed25519 = new(CreateEd25519);

    private DkimTestKey(AsymmetricKeyParameter privateKey, string keyType, byte[] publicKey, string? pem)
    {
        PrivateKey = privateKey;
        KeyType = keyType;
        PublicKey = Convert.ToBase64String(publicKey);
        if (pem is not null)
        {
            string name = $"dkim-{keyType}-{Guid.NewGuid():N}.pem";
            PemFile = Path.Combine(TestContext.CurrentContext.WorkDirectory, name);
            File.WriteAllText(PemFile, pem);
        }
    }

    /// <summary>Gets a 2048-bit RSA key, written in PKCS #8 PEM as well.</summary>
    public static DkimTestKey Rsa => s_rsa.Value;

    public static DkimTestKey Ed25519 => s_ed25519.Value;

    public AsymmetricKeyParameter PrivateKey { get; }

    public string KeyType { get; }

    /// <summary>Gets the public key in base64, the <c>p=</c> of the record.</summary>
    public string PublicKey { get; }

    public string? PemFile { get; }

    /// <summary>Publishes the key record, in character-strings of at most 255 octets.</summary>
    public void Publish(LoopbackDnsServer dns, string selector = Selector, string domain = Domain)
    {
        string record = $"v=DKIM1; k={KeyType}; s=tlsrpt; p={PublicKey}";
        var strings = new List<string>();
        for (int i = 0; i < record.Length; i += 255)
        {
            strings.Add(record.Substring(i, Math.Min(255, record.Length - i)));
        }

        dns.AddTxt($"{selector}._domainkey.{domain}", [.. strings]);
    }

    /// <summary>An RSA key of <paramref name="bits"/> as a key object only, for the checks of key size.</summary>
    public static AsymmetricKeyParameter RsaKeyObject(int bits)
    {
        var generator = new RsaKeyPairGenerator();
        generator.Init(new KeyGenerationParameters(new SecureRandom(), bits));
        return generator.GenerateKeyPair().Private;
    }

    private static DkimTestKey CreateRsa()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        AsymmetricKeyParameter key = PrivateKeyFactory.CreateKey(rsa.ExportPkcs8PrivateKey());
        return new DkimTestKey(key, "rsa", rsa.ExportSubjectPublicKeyInfo(), rsa.ExportPkcs8PrivateKeyPem());
    }

    private static DkimTestKey CreateEd25519()
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        AsymmetricCipherKeyPair pair = generator.GenerateKeyPair();
        byte[] publicKey = ((Ed25519PublicKeyParameters)pair.Public).GetEncoded();
        return new DkimTestKey(pair.Private, "ed25519", publicKey, pem: null);
    }
}
