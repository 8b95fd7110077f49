using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using ARSoft.Tools.Net.Dns;
using MailKit.Net.Smtp;
using MimeKit;
using NUnit.Framework;

namespace MtaSts.Client.MailKit.Tests;

/// <summary>
/// What is not MTA-STS but decides a delivery: DNS, unreachable hosts, server replies, the envelope.
/// </summary>
public sealed partial class MtaStsSmtpSenderTests
{
    [Test]
    public async Task SendAsync_UnreachableMx_NotAnMtaStsFailure_NextMxDelivers()
    {
        Loopback.Publish(TestMail.Domain, "A1", TestMail.Enforce("mail.example.com", "backup.example.com"));
        Loopback.Dns.AddMx(TestMail.Domain, 10, "mail.example.com");
        Loopback.Dns.AddAddress("mail.example.com", MailLoopback.Silent);
        Loopback.AddMx(TestMail.Domain, 20, "backup.example.com", Loopback.Backup);

        DeliveryResult result = await SendAsync();

        MxAttempt unreachable = result.Attempts[0];
        Assert.That(unreachable.Outcome, Is.EqualTo(MxAttemptOutcome.Unreachable));
        Assert.That(unreachable.Decision, Is.Null);
        Assert.That(unreachable.Addresses, Is.EqualTo(new[] { IPAddress.Parse(MailLoopback.Silent) }));
        Assert.That(unreachable.Error, Does.Contain(MailLoopback.Silent));
        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Delivered));
        Assert.That(Loopback.Backup.Messages, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task SendAsync_OnlyMxUnreachable_DeferredWithNoAnswerCode_NoRecheck()
    {
        Loopback.Publish(TestMail.Domain, "A1", TestMail.Enforce("mail.example.com"));
        Loopback.Dns.AddMx(TestMail.Domain, 10, "mail.example.com");

        DeliveryResult result = await SendAsync();

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Deferred));
        Assert.That(result.EnhancedStatusCode, Is.EqualTo("4.4.1"));
        Assert.That(result.Attempts.Single().Error, Does.Contain("no A or AAAA"));
        Assert.That(result.RecheckRequired, Is.False);
    }

    [Test]
    public async Task SendAsync_ServerRejectsForGood_RejectedAndNoOtherMxTried()
    {
        Loopback.AddMx(TestMail.Domain, 10, "mail.example.com", Loopback.Mail);
        Loopback.AddMx(TestMail.Domain, 20, "backup.example.com", Loopback.Backup);
        Loopback.Mail.Rejection = (554, "5.7.1 not from you");

        DeliveryResult result = await SendAsync();

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Rejected), result.Reason);
        Assert.That(result.EnhancedStatusCode, Is.EqualTo("5.7.1"));
        Assert.That(result.Attempts.Single().Outcome, Is.EqualTo(MxAttemptOutcome.Rejected));
        Assert.That((int)result.Attempts.Single().Response!.StatusCode, Is.EqualTo(554));
        Assert.That(Loopback.Backup.Connections, Is.Zero);
    }

    [Test]
    public async Task SendAsync_ServerDefers_NextMxDelivers()
    {
        Loopback.AddMx(TestMail.Domain, 10, "mail.example.com", Loopback.Mail);
        Loopback.AddMx(TestMail.Domain, 20, "backup.example.com", Loopback.Backup);
        Loopback.Mail.Rejection = (451, "4.3.0 try later");

        DeliveryResult result = await SendAsync();

        Assert.That(result.Attempts[0].Outcome, Is.EqualTo(MxAttemptOutcome.Deferred));
        Assert.That(result.Attempts[0].Response!.Response, Does.Contain("try later"));
        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Delivered));
        Assert.That(Loopback.Backup.Messages, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task SendAsync_EveryServerDefers_DeferredWithTheirCode()
    {
        Loopback.AddMx(TestMail.Domain, 10, "mail.example.com", Loopback.Mail);
        Loopback.Mail.Rejection = (452, "4.2.2 mailbox full");

        DeliveryResult result = await SendAsync();

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Deferred));
        Assert.That(result.EnhancedStatusCode, Is.EqualTo("4.2.2"));
    }

    [Test]
    public async Task SendAsync_NullMx_NoMailExchanger()
    {
        Loopback.Dns.AddMx(TestMail.Domain, 0, "");

        DeliveryResult result = await SendAsync();

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.NoMailExchanger));
        Assert.That(result.EnhancedStatusCode, Is.EqualTo("5.1.10"));
        Assert.That(result.Attempts, Is.Empty);
    }

    [Test]
    public async Task SendAsync_NoSuchDomain_NoMailExchanger()
    {
        DeliveryResult result = await SendAsync();

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.NoMailExchanger));
        Assert.That(result.EnhancedStatusCode, Is.EqualTo("5.1.2"));
        Assert.That(result.IsTemporaryFailure, Is.False);
    }

    [Test]
    public async Task SendAsync_MxLookupFails_DnsFailure()
    {
        Loopback.Dns.SetResponseCode(TestMail.Domain, ReturnCode.ServerFailure);

        DeliveryResult result = await SendAsync();

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.DnsFailure));
        Assert.That(result.EnhancedStatusCode, Is.EqualTo("4.4.3"));
        Assert.That(result.IsTemporaryFailure, Is.True);
    }

    [Test]
    public async Task Case24_NoMxRecord_TheDomainItselfIsTried()
    {
        Loopback.Dns.AddAddress(TestMail.Domain, MailLoopback.Silent);

        DeliveryResult result = await SendAsync();

        MxAttempt attempt = result.Attempts.Single();
        Assert.That(attempt.Host, Is.EqualTo(TestMail.Domain));
        Assert.That(attempt.IsImplicit, Is.True);
        Assert.That(attempt.Addresses, Is.EqualTo(new[] { IPAddress.Parse(MailLoopback.Silent) }));
    }

    [Test]
    public async Task SendAsync_RecipientsOfOtherDomains_AreNotInTheEnvelope()
    {
        Loopback.AddMx(TestMail.Domain, 10, "mail.example.com", Loopback.Mail);
        MimeMessage message = TestMail.To("bob@example.com", "carol@other.test", "Dave@EXAMPLE.com");

        DeliveryResult result = await Loopback.CreateSender(out _).SendAsync(message, "Example.COM.");

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Delivered), result.Reason);
        Assert.That(result.RecipientDomain, Is.EqualTo(TestMail.Domain));
        Assert.That(Loopback.Mail.Messages.Single().Recipients,
            Is.EqualTo(new[] { "bob@example.com", "Dave@EXAMPLE.com" }));
    }

    [Test]
    public async Task SendAsync_ClientCallbackOfItsOwn_IsWrappedAndMustAccept()
    {
        Loopback.Publish(TestMail.Domain, "A1", TestMail.Enforce("mail.example.com", "backup.example.com"));
        Loopback.AddMx(TestMail.Domain, 10, "mail.example.com", Loopback.Mail);
        Loopback.AddMx(TestMail.Domain, 20, "backup.example.com", Loopback.Backup);
        MtaStsSmtpSender sender = Loopback.CreateSender(out _, () => new SmtpClient
        {
            ServerCertificateValidationCallback = (host, _, _, _) => !Equals(host, "mail.example.com"),
        });

        DeliveryResult result = await sender.SendAsync(TestMail.To("bob@example.com"), TestMail.Domain);

        Assert.That(result.Attempts[0].Outcome, Is.EqualTo(MxAttemptOutcome.Unreachable));
        Assert.That(result.Attempts[0].Error, Does.Contain("own certificate callback"));
        Assert.That(result.Attempts[0].Decision!.Value.Verdict, Is.EqualTo(Decision.MxVerdict.Deliver));
        Assert.That(result.DeliveredVia!.Host, Is.EqualTo("backup.example.com"));
        Assert.That(Loopback.Mail.Messages, Is.Empty);
    }

    [TestCase("[192.0.2.1]")]
    [TestCase("not a domain")]
    public void SendAsync_RecipientDomainNotADomainName_Throws(string domain)
    {
        MtaStsSmtpSender sender = Loopback.CreateSender(out _);

        Assert.That(() => sender.SendAsync(TestMail.To("bob@example.com"), domain),
            Throws.ArgumentException.With.Property(nameof(ArgumentException.ParamName)).EqualTo("recipientDomain"));
    }

    [Test]
    public void SendAsync_NoRecipientInTheDomain_Throws()
    {
        MtaStsSmtpSender sender = Loopback.CreateSender(out _);

        Assert.That(() => sender.SendAsync(TestMail.To("carol@other.test"), TestMail.Domain),
            Throws.ArgumentException.With.Message.Contains("no recipient in example.com"));
    }

    [Test]
    public void SendAsync_RecipientGivenOutsideTheDomain_Throws()
    {
        MtaStsSmtpSender sender = Loopback.CreateSender(out _);
        var options = new DeliveryOptions();
        options.Recipients.Add(MailboxAddress.Parse("carol@other.test"));

        Assert.That(() => sender.SendAsync(TestMail.To("bob@example.com"), TestMail.Domain, options),
            Throws.ArgumentException.With.Message.Contains("carol@other.test"));
    }

    [Test]
    public void SendAsync_NoSender_Throws()
    {
        MtaStsSmtpSender sender = Loopback.CreateSender(out _);
        var message = new MimeMessage();
        message.To.Add(MailboxAddress.Parse("bob@example.com"));

        Assert.That(() => sender.SendAsync(message, TestMail.Domain),
            Throws.ArgumentException.With.Message.Contains("sender"));
    }
}
