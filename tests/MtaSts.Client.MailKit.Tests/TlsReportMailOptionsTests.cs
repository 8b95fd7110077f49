using System;
using System.IO;
using MimeKit.Cryptography;
using NUnit.Framework;

namespace MtaSts.Client.MailKit.Tests;

/// <summary>
/// The report mail options are checked once, with every problem named (case 216: no message goes
/// out whose TLS-Report-Submitter would be missing or not the contact-info domain).
/// </summary>
[TestFixture]
public sealed class TlsReportMailOptionsTests
{
    private static TlsReportMailOptions Signing()
    {
        TlsReportMailOptions options = ReportMail.Options();
        options.Dkim.PrivateKeyFile = null;
        options.Dkim.PrivateKey = DkimTestKey.Rsa.PrivateKey;
        return options;
    }

    [Test]
    public void Validate_SubmitterAndKeyFile_Valid()
    {
        Assert.That(ReportMail.Options().Validate, Throws.Nothing);
    }

    [Test]
    public void Case216_NoSubmitterDomain_Refused()
    {
        var options = new TlsReportMailOptions();

        Assert.That(options.Validate, Throws.ArgumentException
            .With.Message.Contains("SubmitterDomain is required").And.Message.Contains("TLS-Report-Submitter"));
    }

    [TestCase("")]
    [TestCase("not a domain")]
    [TestCase("[192.0.2.1]")]
    public void Case216_SubmitterDomainNotADomainName_Refused(string submitter)
    {
        var options = new TlsReportMailOptions { SubmitterDomain = submitter };

        Assert.That(options.Validate,
            Throws.ArgumentException.With.Message.Contains($"SubmitterDomain '{submitter}'"));
    }

    [Test]
    public void Case216_ContactInfoOfAnotherDomain_Refused()
    {
        TlsReportMailOptions options = ReportMail.Options(sign: false);

        Assert.That(() => options.Validate("tlsrpt@other.example", TimeProvider.System), Throws.ArgumentException
            .With.Message.Contains("SubmitterDomain 'sender.example' must be the domain of the contact-info "
                + "'tlsrpt@other.example'"));
    }

    [Test]
    public void Validate_SubmitterOfTheContactInfo_IsNormalised()
    {
        var options = new TlsReportMailOptions { SubmitterDomain = "Sender.Example." };

        Assert.That(options.EffectiveSubmitterDomain("tlsrpt@sender.example"), Is.EqualTo(ReportMail.Submitter));
        Assert.That(new TlsReportMailOptions().EffectiveSubmitterDomain("tlsrpt@Sender.EXAMPLE"),
            Is.EqualTo(ReportMail.Submitter));
    }

    [Test]
    public void Validate_EveryProblem_NamedInOneException()
    {
        TlsReportMailOptions options = Signing();
        options.From = "reports@other.example";
        options.Dkim.Domain = "other.example";
        options.Dkim.Selector = "bad_selector";
        options.Dkim.PrivateKeyFile = DkimTestKey.Rsa.PemFile;
        options.Smtp.Port = 0;

        ArgumentException? error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.That(error!.Message, Does.StartWith("The report mail options are invalid:"));
        Assert.That(error.Message, Does.Contain("From 'reports@other.example' must be in the submitter domain"));
        Assert.That(error.Message, Does.Contain("Dkim.Domain 'other.example' must be the submitter domain"));
        Assert.That(error.Message, Does.Contain("Dkim.Selector must be"));
        Assert.That(error.Message, Does.Contain("Dkim.PrivateKeyFile and Dkim.PrivateKey are both set"));
        Assert.That(error.Message, Does.Contain("Smtp: The sender options are invalid: Port is 0"));
    }

    [Test]
    public void Validate_FromNotAnAddress_Refused()
    {
        TlsReportMailOptions options = ReportMail.Options(sign: false);
        options.From = "nobody";

        Assert.That(options.Validate, Throws.ArgumentException.With.Message.Contains("From must be an address"));
    }

    [Test]
    public void Validate_SelectorWithoutAKey_Refused()
    {
        TlsReportMailOptions options = ReportMail.Options(sign: false);
        options.Dkim.Selector = DkimTestKey.Selector;

        Assert.That(options.Validate, Throws.ArgumentException.With.Message.Contains("but no key"));
    }

    [Test]
    public void Validate_KeyWithoutASelector_Refused()
    {
        TlsReportMailOptions options = Signing();
        options.Dkim.Selector = null;

        Assert.That(options.Validate, Throws.ArgumentException.With.Message.Contains("Dkim.Selector must be"));
    }

    [Test]
    public void Validate_KeyFileMissing_RefusedNamingTheFile()
    {
        TlsReportMailOptions options = ReportMail.Options();
        string missing = Path.Combine(TestContext.CurrentContext.WorkDirectory, "no-such-key.pem");
        options.Dkim.PrivateKeyFile = missing;

        Assert.That(options.Validate, Throws.ArgumentException
            .With.Message.Contains($"Dkim: PrivateKeyFile '{missing}' holds no private key"));
    }

    [Test]
    public void Validate_KeyFileWithoutAKey_Refused()
    {
        TlsReportMailOptions options = ReportMail.Options();
        string notAKey = Path.Combine(TestContext.CurrentContext.WorkDirectory, "not-a-key.pem");
        File.WriteAllText(notAKey, "this is not a key\n");
        options.Dkim.PrivateKeyFile = notAKey;

        Assert.That(options.Validate, Throws.ArgumentException.With.Message.Contains("holds no private key"));
    }

    [Test]
    public void Validate_PublicKey_Refused()
    {
        TlsReportMailOptions options = Signing();
        options.Dkim.PrivateKey = Org.BouncyCastle.Security.PublicKeyFactory.CreateKey(
            Convert.FromBase64String(DkimTestKey.Rsa.PublicKey));

        Assert.That(options.Validate, Throws.ArgumentException.With.Message.Contains("public key"));
    }

    [Test]
    public void Validate_ShortRsaKey_Refused()
    {
        TlsReportMailOptions options = Signing();
        options.Dkim.PrivateKey = DkimTestKey.RsaKeyObject(512);

        Assert.That(options.Validate, Throws.ArgumentException.With.Message.Contains("512 bits"));
    }

    [TestCase(DkimSignatureAlgorithm.RsaSha1, "forbids signing with rsa-sha1")]
    [TestCase(DkimSignatureAlgorithm.Ed25519Sha256, "not an Ed25519 key")]
    public void Validate_AlgorithmThatDoesNotFit_Refused(DkimSignatureAlgorithm algorithm, string expected)
    {
        TlsReportMailOptions options = Signing();
        options.Dkim.Algorithm = algorithm;

        Assert.That(options.Validate, Throws.ArgumentException.With.Message.Contains(expected));
    }

    [Test]
    public void Validate_Ed25519KeyForRsa_Refused()
    {
        TlsReportMailOptions options = Signing();
        options.Dkim.PrivateKey = DkimTestKey.Ed25519.PrivateKey;

        Assert.That(options.Validate, Throws.ArgumentException.With.Message.Contains("not an RSA key"));
    }

    [Test]
    public void Constructor_InvalidOptions_ThrowsBeforeAnythingIsSent()
    {
        MtaStsSmtpSender sender = LoopbackSetUp.Loopback.CreateSender(out _);

        Assert.That(() => new TlsReportMailer(sender, new TlsReportMailOptions()),
            Throws.ArgumentException.With.Message.Contains("SubmitterDomain is required"));
    }
}
