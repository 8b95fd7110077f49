using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MimeKit;
using MimeKit.Cryptography;
using MtaSts.Testing;
using NUnit.Framework;

namespace MtaSts.Client.MailKit.Tests;

/// <summary>
/// The DKIM signature of report mail (RFC 8460 §3, §5.3): verified as a receiver does, with the key
/// published in the loopback DNS, and broken by any change to a signed header.
/// </summary>
public sealed partial class TlsReportMailerTests
{
    private static Dictionary<string, string> Tags(MimeMessage message) =>
        message.Headers[HeaderId.DkimSignature]!
            .Split(';')
            .Select(tag => tag.Trim())
            .Where(tag => tag.Length > 0)
            .Select(tag => tag.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => string.Concat(pair[1].Where(c => !char.IsWhiteSpace(c))));

    private static Task<bool> VerifyAsync(MimeMessage message, LoopbackDkimKeyLocator? locator = null) =>
        new DkimVerifier(locator ?? new LoopbackDkimKeyLocator(Loopback.Dns.EndPoint))
            .VerifyAsync(message, message.Headers[message.Headers.IndexOf(HeaderId.DkimSignature)]);

    [Test]
    public async Task Dkim_ReceivedMessage_VerifiesWithTheKeyInDns()
    {
        (MimeMessage message, _) = await MailAsync(ReportMail.RecordDay());
        var locator = new LoopbackDkimKeyLocator(Loopback.Dns.EndPoint);

        bool valid = await VerifyAsync(message, locator);

        Assert.That(valid, Is.True);
        Assert.That(locator.Asked, Is.EqualTo(new[] { "tlsrpt._domainkey.sender.example" }));
    }

    [Test]
    public async Task Case215_DkimSignature_SubmitterDomainRelaxedNoLengthAndBothReportHeaders()
    {
        (MimeMessage message, _) = await MailAsync(ReportMail.RecordDay());

        Dictionary<string, string> tags = Tags(message);

        Assert.That(tags["d"], Is.EqualTo("sender.example"));
        Assert.That(tags["s"], Is.EqualTo(DkimTestKey.Selector));
        Assert.That(tags["a"], Is.EqualTo("rsa-sha256"));
        Assert.That(tags["c"], Is.EqualTo("relaxed/relaxed"));
        Assert.That(tags, Does.Not.ContainKey("l"), "RFC 8460 §3: no body length");
        Assert.That(long.Parse(tags["t"], System.Globalization.CultureInfo.InvariantCulture),
            Is.EqualTo(s_sentAt.ToUnixTimeSeconds()));
        Assert.That(tags["h"].Split(':'), Is.SupersetOf(new[]
        {
            "from", "subject", "date", "message-id", "tls-report-domain", "tls-report-submitter",
        }));
    }

    [TestCase("Subject", "Report Domain: example.org Submitter: sender.example Report-ID: <x@sender.example>")]
    [TestCase("TLS-Report-Domain", "example.org")]
    [TestCase("TLS-Report-Submitter", "other.example")]
    [TestCase("From", "tlsrpt@other.example")]
    [TestCase("Date", "Thu, 02 May 2024 03:00:00 +0000")]
    public async Task Dkim_SignedHeaderChanged_NoLongerVerifies(string header, string value)
    {
        (MimeMessage message, _) = await MailAsync(ReportMail.RecordDay());
        Assert.That(await VerifyAsync(message), Is.True);

        message.Headers[header] = value;

        Assert.That(await VerifyAsync(message), Is.False);
    }

    [Test]
    public async Task Dkim_AttachmentChanged_NoLongerVerifies()
    {
        (MimeMessage message, _) = await MailAsync(ReportMail.RecordDay());
        var attachment = (MimePart)((Multipart)message.Body!)[1];

        byte[] other = ReportMail.RecordDay("example.org").Gzip.ToArray();

        attachment.Content = new MimeContent(new System.IO.MemoryStream(other));

        Assert.That(await VerifyAsync(message), Is.False);
    }

    [Test]
    public async Task Dkim_Ed25519KeyObject_Verifies()
    {
        DkimTestKey.Ed25519.Publish(Loopback.Dns, selector: "ed");
        TlsReportMailOptions options = ReportMail.Options(sign: false);
        options.Dkim.Selector = "ed";
        options.Dkim.PrivateKey = DkimTestKey.Ed25519.PrivateKey;
        options.Dkim.Algorithm = DkimSignatureAlgorithm.Ed25519Sha256;

        (MimeMessage message, _) = await MailAsync(ReportMail.RecordDay(), options);

        Assert.That(Tags(message)["a"], Is.EqualTo("ed25519-sha256"));
        Assert.That(await VerifyAsync(message), Is.True);
    }

    [Test]
    public async Task Dkim_RsaKeyObject_SignsLikeTheKeyFile()
    {
        TlsReportMailOptions options = ReportMail.Options(sign: false);
        options.Dkim.Selector = DkimTestKey.Selector;
        options.Dkim.PrivateKey = DkimTestKey.Rsa.PrivateKey;

        (MimeMessage message, _) = await MailAsync(ReportMail.RecordDay(), options);

        Assert.That(await VerifyAsync(message), Is.True);
    }

    [Test]
    public async Task Dkim_NoKey_UnsignedAndAWarningSaysReceiversIgnoreIt()
    {
        var logger = new FakeLogger<TlsReportMailer>();
        MtaStsSmtpSender sender = Loopback.CreateSender(out _);
        var mailer = new TlsReportMailer(sender, ReportMail.Options(sign: false), _clock, logger);

        Reporting.ReportDeliveryResult result =
            await mailer.SendAsync(ReportMail.Mailto(), ReportMail.RecordDay(), CancellationToken.None);

        Assert.That(result.IsDelivered, Is.True, result.Message);
        Assert.That(mailer.IsSigned, Is.False);
        MimeMessage message = ReportMail.Parse(Loopback.Mail.Messages.Single());
        Assert.That(message.Headers.Contains(HeaderId.DkimSignature), Is.False);
        FakeLogRecord warning = logger.Collector.GetSnapshot().Single(record => record.Level == LogLevel.Warning);
        Assert.That(warning.Id.Id, Is.EqualTo(141));
        Assert.That(warning.Message, Does.Contain("sender.example").And.Contain("ignore"));
    }
}
