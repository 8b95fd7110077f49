using System.Linq;
using System.Threading.Tasks;
using MtaSts.Client.Decision;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;
using MtaSts.Testing;
using NUnit.Framework;

namespace MtaSts.Client.MailKit.Tests;

/// <summary>
/// MailKit delivering to real SMTP servers with STARTTLS on loopback under each policy mode
/// (sections E and F): where each message arrived, and what the result says about every MX host.
/// </summary>
[TestFixture]
public sealed partial class MtaStsSmtpSenderTests
{
    private static MailLoopback Loopback => LoopbackSetUp.Loopback;

    [SetUp]
    public void ResetServers() => Loopback.Reset();

    private static Task<DeliveryResult> SendAsync(DeliveryOptions? options = null) =>
        Loopback.CreateSender(out _).SendAsync(TestMail.To("bob@example.com"), TestMail.Domain, options);

    private static int MessagesEverywhere => Loopback.Servers.Sum(server => server.Messages.Count);

    [Test]
    public async Task Case156_Sni_IsTheMxHostName()
    {
        Loopback.Publish(TestMail.Domain, "A1", TestMail.Enforce("mail.example.com"));
        Loopback.AddMx(TestMail.Domain, 10, "mail.example.com", Loopback.Mail);

        DeliveryResult result = await SendAsync();

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Delivered), result.Reason);
        Assert.That(Loopback.Mail.ServerNames, Is.EqualTo(new[] { "mail.example.com" }));
        Assert.That(Loopback.Mail.Messages.Single().ServerName, Is.EqualTo("mail.example.com"));
    }

    [Test]
    public async Task Case157_EnforceAllGood_DeliversOverTls()
    {
        Loopback.Publish(TestMail.Domain, "A1", TestMail.Enforce("mail.example.com", "*.example.net"));
        Loopback.AddMx(TestMail.Domain, 10, "mail.example.com", Loopback.Mail);

        DeliveryResult result = await SendAsync();

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Delivered), result.Reason);
        Assert.That(result.EnhancedStatusCode, Is.EqualTo("2.0.0"));
        MxAttempt attempt = result.DeliveredVia!;
        Assert.That(attempt.Host, Is.EqualTo("mail.example.com"));
        Assert.That(attempt.IsSecure, Is.True);
        Assert.That(attempt.PolicyId, Is.EqualTo("A1"));
        Assert.That(attempt.Decision!.Value.Verdict, Is.EqualTo(MxVerdict.Deliver));
        Assert.That(attempt.Addresses, Is.EqualTo(new[] { MailLoopback.AddressOf(0) }));
        Assert.That(attempt.Response!.Response, Is.Not.Empty);
        ReceivedMessage received = Loopback.Mail.Messages.Single();
        Assert.That(received.IsSecure, Is.True);
        Assert.That(received.MailFrom, Is.EqualTo("alice@sender.test"));
        Assert.That(received.Recipients, Is.EqualTo(new[] { "bob@example.com" }));
        Assert.That(TestMail.Text(received.Data), Does.Contain("Hello over loopback."));
    }

    [Test]
    public async Task Case158_EnforceNoStartTls_NothingInPlaintext_NextMxDelivers()
    {
        Loopback.Publish(TestMail.Domain, "A1", TestMail.Enforce("mail.example.com", "backup.example.com"));
        Loopback.AddMx(TestMail.Domain, 10, "mail.example.com", Loopback.Plain);
        Loopback.AddMx(TestMail.Domain, 20, "backup.example.com", Loopback.Backup);

        DeliveryResult result = await SendAsync();

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Delivered), result.Reason);
        Assert.That(Loopback.Plain.Connections, Is.EqualTo(1), "one look at EHLO, no retry");
        Assert.That(Loopback.Plain.Messages, Is.Empty);
        Assert.That(Loopback.Backup.Messages.Single().IsSecure, Is.True);
        MxAttempt refused = result.Attempts[0];
        Assert.That(refused.Outcome, Is.EqualTo(MxAttemptOutcome.Refused));
        Assert.That(refused.Decision!.Value.ResultType, Is.EqualTo(ResultTypes.StartTlsNotSupported));
        Assert.That(refused.Response, Is.Null);
        Assert.That(result.DeliveredVia!.Host, Is.EqualTo("backup.example.com"));
    }

    [Test]
    public async Task Case159_EnforceHandshakeFails_NoPlaintextRetryOnThatHost()
    {
        Loopback.Publish(TestMail.Domain, "A1", TestMail.Enforce("mail.example.com", "backup.example.com"));
        Loopback.AddMx(TestMail.Domain, 10, "mail.example.com", Loopback.Broken);
        Loopback.AddMx(TestMail.Domain, 20, "backup.example.com", Loopback.Backup);

        DeliveryResult result = await SendAsync();

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Delivered), result.Reason);
        Assert.That(Loopback.Broken.Connections, Is.EqualTo(1));
        Assert.That(Loopback.Broken.Messages, Is.Empty);
        MxDecision decision = result.Attempts[0].Decision!.Value;
        Assert.That(result.Attempts[0].Outcome, Is.EqualTo(MxAttemptOutcome.Refused));
        Assert.That(decision.ResultType, Is.EqualTo(ResultTypes.ValidationFailure));
        Assert.That(decision.ReasonCode, Is.EqualTo(MxReasonCodes.HandshakeFailed));
        Assert.That(Loopback.Backup.Messages, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Case160_EnforceMxNotInPolicy_RefusedWithoutConnecting_Deferred()
    {
        Loopback.Publish(TestMail.Domain, "A1", TestMail.Enforce("mail.example.com", "*.example.net"));
        Loopback.AddMx(TestMail.Domain, 10, "mx.other.example", Loopback.Other);

        DeliveryResult result = await SendAsync();

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Deferred), result.Reason);
        Assert.That(result.IsTemporaryFailure, Is.True);
        Assert.That(result.EnhancedStatusCode, Is.EqualTo("4.7.0"));
        Assert.That(result.RecheckRequired, Is.True);
        MxAttempt attempt = result.Attempts.Single();
        Assert.That(attempt.Decision!.Value.ResultType, Is.EqualTo(ResultTypes.ValidationFailure));
        Assert.That(attempt.Decision!.Value.ReasonCode, Is.EqualTo(MxReasonCodes.MxNotInPolicy));
        Assert.That(attempt.Addresses, Is.Empty);
        Assert.That(Loopback.Other.Connections, Is.Zero);
    }

    [Test]
    public async Task Case161_EnforceFirstMxNotInPolicy_TreatedAsUnreachable_SecondDelivers()
    {
        Loopback.Publish(TestMail.Domain, "A1", TestMail.Enforce("mail.example.com"));
        Loopback.AddMx(TestMail.Domain, 20, "mail.example.com", Loopback.Mail);
        Loopback.AddMx(TestMail.Domain, 10, "old.example.org", Loopback.Other);

        DeliveryResult result = await SendAsync();

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Delivered), result.Reason);
        Assert.That(result.Attempts.Select(attempt => attempt.Host),
            Is.EqualTo(new[] { "old.example.org", "mail.example.com" }));
        Assert.That(result.Attempts.Select(attempt => attempt.Preference), Is.EqualTo(new[] { 10, 20 }));
        Assert.That(result.Attempts[0].Outcome, Is.EqualTo(MxAttemptOutcome.Refused));
        Assert.That(Loopback.Mail.Messages, Has.Count.EqualTo(1));
        Assert.That(Loopback.Other.Connections, Is.Zero);
    }

    [Test]
    public async Task Case161_EnforceBothMxValid_OnlyTheMostPreferredGetsTheMessage()
    {
        Loopback.Publish(TestMail.Domain, "A1", TestMail.Enforce("mail.example.com", "backup.example.com"));
        Loopback.AddMx(TestMail.Domain, 20, "backup.example.com", Loopback.Backup);
        Loopback.AddMx(TestMail.Domain, 10, "mail.example.com", Loopback.Mail);

        DeliveryResult result = await SendAsync();

        Assert.That(result.Attempts.Single().Host, Is.EqualTo("mail.example.com"));
        Assert.That(Loopback.Mail.Messages, Has.Count.EqualTo(1));
        Assert.That(Loopback.Backup.Connections, Is.Zero);
    }

    [TestCase(2, ResultTypes.CertificateExpired, MxReasonCodes.Expired,
        TestName = "Case151_EnforceExpiredCertificate_Refused")]
    [TestCase(3, ResultTypes.CertificateHostMismatch, MxReasonCodes.NameMismatch,
        TestName = "Case146_EnforceWrongName_Refused")]
    [TestCase(4, ResultTypes.CertificateNotTrusted, MxReasonCodes.SelfSigned,
        TestName = "Case153_EnforceSelfSigned_Refused")]
    public async Task EnforceBadCertificate_RefusedAndNothingSent(int server, string resultType, string reasonCode)
    {
        LoopbackSmtpServer bad = Loopback.Servers[server];
        Loopback.Publish(TestMail.Domain, "A1", TestMail.Enforce("mail.example.com"));
        Loopback.AddMx(TestMail.Domain, 10, "mail.example.com", bad);

        DeliveryResult result = await SendAsync();

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Deferred), result.Reason);
        Assert.That(result.EnhancedStatusCode, Is.EqualTo("4.7.5"));
        MxDecision decision = result.Attempts.Single().Decision!.Value;
        Assert.That(decision.Verdict, Is.EqualTo(MxVerdict.Refuse));
        Assert.That(decision.ResultType, Is.EqualTo(resultType));
        Assert.That(decision.ReasonCode, Is.EqualTo(reasonCode));
        Assert.That(bad.ServerNames, Is.EqualTo(new[] { "mail.example.com" }),
            "the handshake was made, then refused");
        Assert.That(MessagesEverywhere, Is.Zero);
    }

    [Test]
    public async Task Case162_EnforceEveryMxRefused_TemporaryFailure_RecheckRequired()
    {
        Loopback.Publish(TestMail.Domain, "A1", TestMail.Enforce("mail.example.com", "backup.example.com"));
        Loopback.AddMx(TestMail.Domain, 10, "mail.example.com", Loopback.Expired);
        Loopback.AddMx(TestMail.Domain, 20, "backup.example.com", Loopback.WrongName);

        DeliveryResult result = await SendAsync();

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Deferred), result.Reason);
        Assert.That(result.IsTemporaryFailure, Is.True);
        Assert.That(result.EnhancedStatusCode, Does.StartWith("4."));
        Assert.That(result.RecheckRequired, Is.True);
        Assert.That(result.Recheck, Is.Null);
        Assert.That(result.Attempts.Select(attempt => attempt.Decision!.Value.ResultType),
            Is.EqualTo(new[] { ResultTypes.CertificateExpired, ResultTypes.CertificateHostMismatch }));
        Assert.That(result.Reason, Does.Contain("mail.example.com").And.Contain("backup.example.com"));
        Assert.That(MessagesEverywhere, Is.Zero);
    }

    [Test]
    public async Task Case165_TestingExpiredCertificate_DeliveredOverTls_FailureRecorded()
    {
        Loopback.Publish(TestMail.Domain, "T1", TestMail.Testing("mail.example.com"));
        Loopback.AddMx(TestMail.Domain, 10, "mail.example.com", Loopback.Expired);

        DeliveryResult result = await SendAsync();

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Delivered), result.Reason);
        MxAttempt attempt = result.DeliveredVia!;
        Assert.That(attempt.IsSecure, Is.True);
        Assert.That(attempt.Decision!.Value.Verdict, Is.EqualTo(MxVerdict.DeliverAndReport));
        Assert.That(attempt.Decision!.Value.ResultType, Is.EqualTo(ResultTypes.CertificateExpired));
        Assert.That(Loopback.Expired.Messages.Single().IsSecure, Is.True);
        Assert.That(result.Reason, Does.Contain(ResultTypes.CertificateExpired));
    }

    [Test]
    public async Task Case166_TestingNoStartTls_DeliveredInPlaintext_FailureRecorded()
    {
        Loopback.Publish(TestMail.Domain, "T1", TestMail.Testing("mail.example.com"));
        Loopback.AddMx(TestMail.Domain, 10, "mail.example.com", Loopback.Plain);

        DeliveryResult result = await SendAsync();

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Delivered), result.Reason);
        MxAttempt attempt = result.DeliveredVia!;
        Assert.That(attempt.IsSecure, Is.False);
        Assert.That(attempt.Decision!.Value.Verdict, Is.EqualTo(MxVerdict.DeliverAndReport));
        Assert.That(attempt.Decision!.Value.ResultType, Is.EqualTo(ResultTypes.StartTlsNotSupported));
        Assert.That(Loopback.Plain.Messages.Single().IsSecure, Is.False);
    }

    [Test]
    public async Task Case166_TestingHandshakeFails_RetriedInPlaintextOnTheSameHost()
    {
        Loopback.Publish(TestMail.Domain, "T1", TestMail.Testing("mail.example.com"));
        Loopback.AddMx(TestMail.Domain, 10, "mail.example.com", Loopback.Broken);

        DeliveryResult result = await SendAsync();

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Delivered), result.Reason);
        MxAttempt attempt = result.DeliveredVia!;
        Assert.That(attempt.RetriedWithoutTls, Is.True);
        Assert.That(attempt.IsSecure, Is.False);
        Assert.That(attempt.Decision!.Value.ReasonCode, Is.EqualTo(MxReasonCodes.HandshakeFailed));
        Assert.That(Loopback.Broken.Connections, Is.EqualTo(2));
        Assert.That(Loopback.Broken.Messages.Single().IsSecure, Is.False);
    }

    [Test]
    public async Task Case167_TestingMxNotInPolicy_Delivered_FailureRecorded()
    {
        Loopback.Publish(TestMail.Domain, "T1", TestMail.Testing("mail.example.com", "*.example.net"));
        Loopback.AddMx(TestMail.Domain, 10, "mx.other.example", Loopback.Other);

        DeliveryResult result = await SendAsync();

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Delivered), result.Reason);
        MxDecision decision = result.DeliveredVia!.Decision!.Value;
        Assert.That(decision.Verdict, Is.EqualTo(MxVerdict.DeliverAndReport));
        Assert.That(decision.ResultType, Is.EqualTo(ResultTypes.ValidationFailure));
        Assert.That(decision.ReasonCode, Is.EqualTo(MxReasonCodes.MxNotInPolicy));
        Assert.That(Loopback.Other.Messages.Single().IsSecure, Is.True);
    }

    [Test]
    public async Task Case168_ModeNone_NoStartTls_DeliveredAsWithoutPolicy()
    {
        Loopback.Publish(TestMail.Domain, "N1", TestMail.NonePolicy);
        Loopback.AddMx(TestMail.Domain, 10, "mail.example.com", Loopback.Plain);

        DeliveryResult result = await SendAsync();

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Delivered), result.Reason);
        Assert.That(result.Resolution!.Policy!.Mode, Is.EqualTo(PolicyMode.None));
        MxDecision decision = result.DeliveredVia!.Decision!.Value;
        Assert.That(decision.Verdict, Is.EqualTo(MxVerdict.NoPolicy));
        Assert.That(decision.IsFailure, Is.False);
        Assert.That(Loopback.Plain.Messages, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Case169_NoPolicy_OpportunisticTls_AnyCertificate()
    {
        Loopback.AddMx(TestMail.Domain, 10, "mail.example.com", Loopback.SelfSigned);

        DeliveryResult result = await SendAsync();

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Delivered), result.Reason);
        Assert.That(result.Resolution!.HasPolicy, Is.False);
        Assert.That(result.DeliveredVia!.IsSecure, Is.True);
        Assert.That(result.DeliveredVia!.PolicyId, Is.Null);
        Assert.That(result.DeliveredVia!.Decision!.Value.Verdict, Is.EqualTo(MxVerdict.NoPolicy));
        Assert.That(Loopback.SelfSigned.Messages.Single().IsSecure, Is.True);
    }

    [Test]
    public async Task Case173_TlsRequiredNo_EnforceExpiredCertificate_DeliveredAndReported()
    {
        Loopback.Publish(TestMail.Domain, "A1", TestMail.Enforce("mail.example.com"));
        Loopback.AddMx(TestMail.Domain, 10, "mail.example.com", Loopback.Expired);
        var message = TestMail.To("bob@example.com");
        message.Headers.Add("TLS-Required", " no ");

        DeliveryResult result = await Loopback.CreateSender(out _).SendAsync(message, TestMail.Domain);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Delivered), result.Reason);
        MxDecision decision = result.DeliveredVia!.Decision!.Value;
        Assert.That(decision.Verdict, Is.EqualTo(MxVerdict.DeliverAndReport));
        Assert.That(decision.ResultType, Is.EqualTo(ResultTypes.CertificateExpired));
        Assert.That(result.DeliveredVia!.IsSecure, Is.True, "STARTTLS is still used");
        Assert.That(Loopback.Expired.Messages, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Case174_RequireTlsBeatsTheHeader_EnforceExpiredCertificate_Refused()
    {
        Loopback.Publish(TestMail.Domain, "A1", TestMail.Enforce("mail.example.com"));
        Loopback.AddMx(TestMail.Domain, 10, "mail.example.com", Loopback.Expired);
        var message = TestMail.To("bob@example.com");
        message.Headers.Add("TLS-Required", "No");

        DeliveryResult result = await Loopback.CreateSender(out _)
            .SendAsync(message, TestMail.Domain, new DeliveryOptions { RequireTls = true });

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Deferred), result.Reason);
        Assert.That(result.Attempts.Single().Decision!.Value.Verdict, Is.EqualTo(MxVerdict.Refuse));
        Assert.That(MessagesEverywhere, Is.Zero);
    }

    [Test]
    public async Task Case175_ReportDelivery_EnforceExpiredCertificate_Delivered()
    {
        Loopback.Publish(TestMail.Domain, "A1", TestMail.Enforce("mail.example.com"));
        Loopback.AddMx(TestMail.Domain, 10, "mail.example.com", Loopback.Expired);

        DeliveryResult result = await SendAsync(new DeliveryOptions { IsReportDelivery = true });

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Delivered), result.Reason);
        MxDecision decision = result.DeliveredVia!.Decision!.Value;
        Assert.That(decision.Verdict, Is.EqualTo(MxVerdict.DeliverAndReport));
        Assert.That(decision.IsReportDelivery, Is.True);
        Assert.That(Loopback.Expired.Messages, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Case176_SmartHost_RelayPolicyApplies_RecipientDomainNotConsulted()
    {
        Loopback.Publish(TestMail.Domain, "A1", TestMail.Enforce("mail.example.com"));
        Loopback.Publish("relay.example.org", "R1", TestMail.Enforce("relay.example.org"));
        Loopback.Dns.AddAddress("relay.example.org", Loopback.AddressOf(Loopback.Relay));

        DeliveryResult result = await SendAsync(new DeliveryOptions { SmartHost = "relay.example.org" });

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Delivered), result.Reason);
        Assert.That(result.PolicyDomain, Is.EqualTo(PolicyDomain.Create("relay.example.org")));
        Assert.That(result.DeliveredVia!.Host, Is.EqualTo("relay.example.org"));
        Assert.That(result.DeliveredVia!.Decision!.Value.Verdict, Is.EqualTo(MxVerdict.Deliver));
        Assert.That(result.MxLookup, Is.Null);
        Assert.That(Loopback.Relay.Messages.Single().Recipients, Is.EqualTo(new[] { "bob@example.com" }));
        Assert.That(Loopback.Dns.Queries, Has.None.StartsWith("_mta-sts.example.com"));
        Assert.That(Loopback.Dns.Queries, Has.None.EqualTo("example.com MX"));
    }
}
