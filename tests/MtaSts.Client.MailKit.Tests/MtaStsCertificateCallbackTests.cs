using System;
using System.Collections.Generic;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Tasks;
using MailKit.Net.Smtp;
using MailKit.Security;
using MtaSts.Client.Decision;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;
using MtaSts.Testing;
using NUnit.Framework;

namespace MtaSts.Client.MailKit.Tests;

/// <summary>
/// The callback on its own: with MailKit connecting to the loopback servers by name, and called
/// directly for what MailKit never passes.
/// </summary>
[TestFixture]
public sealed class MtaStsCertificateCallbackTests
{
    private static MailLoopback Loopback => LoopbackSetUp.Loopback;

    [SetUp]
    public void ResetServers() => Loopback.Reset();

    private static PolicyResolution Resolution(string body)
    {
        var domain = PolicyDomain.Create("example.com");
        var policy = MtaStsPolicy.Parse(Encoding.UTF8.GetBytes(body));
        return new PolicyResolution(domain, new CachedPolicy(domain, "A1", policy, DateTimeOffset.UtcNow),
            PolicySource.Fetched, ResolutionReason.Fetched, null, null);
    }

    /// <summary>
    /// Connects MailKit to a server over a socket of its own, naming the MX host as the sender does.
    /// </summary>
    private static async Task ConnectAsync(SmtpClient client, LoopbackSmtpServer server, string mxHost)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server.EndPoint);
        client.CheckCertificateRevocation = false;
        await client.ConnectAsync(socket, mxHost, server.EndPoint.Port, SecureSocketOptions.StartTls);
    }

    [Test]
    public async Task Validate_SenderIsTheHostMailKitConnectedTo_DecidesForIt()
    {
        using var client = new SmtpClient();
        MtaStsCertificateCallback callback = MtaStsCertificateCallback.Attach(
            client, MailLoopback.CreateChecker(), Resolution(TestMail.Enforce("mail.example.com")));

        await ConnectAsync(client, Loopback.Mail, "mail.example.com");

        Assert.That(client.IsSecure, Is.True);
        Assert.That(callback.MxHost, Is.EqualTo("mail.example.com"));
        Assert.That(callback.Decision!.Value.Verdict, Is.EqualTo(MxVerdict.Deliver));
        Assert.That(callback.Accepted, Is.True);
        Assert.That(callback.NextAccepted, Is.Null);
        Assert.That(callback.PlatformErrors, Is.Not.EqualTo(SslPolicyErrors.None),
            "the test root is not in the platform's store");
    }

    [Test]
    public void Case151_EnforceExpired_MailKitThrows_DecisionKept()
    {
        using var client = new SmtpClient();
        MtaStsCertificateCallback callback = MtaStsCertificateCallback.Attach(
            client, MailLoopback.CreateChecker(), Resolution(TestMail.Enforce("mail.example.com")));

        Assert.That(() => ConnectAsync(client, Loopback.Expired, "mail.example.com"),
            Throws.InstanceOf<SslHandshakeException>());

        Assert.That(callback.Accepted, Is.False);
        Assert.That(callback.Decision!.Value.Verdict, Is.EqualTo(MxVerdict.Refuse));
        Assert.That(callback.Decision!.Value.ResultType, Is.EqualTo(ResultTypes.CertificateExpired));
        Assert.That(client.IsConnected, Is.False);
    }

    [Test]
    public void Attach_WrapsTheClientsCallback_WhichIsCalledWithMailKitsArguments_AndCanRefuse()
    {
        var seen = new List<object>();
        using var client = new SmtpClient
        {
            ServerCertificateValidationCallback = (sender, _, _, _) =>
            {
                seen.Add(sender);
                return false;
            },
        };
        MtaStsCertificateCallback callback = MtaStsCertificateCallback.Attach(
            client, MailLoopback.CreateChecker(), Resolution(TestMail.Enforce("mail.example.com")));

        Assert.That(() => ConnectAsync(client, Loopback.Mail, "mail.example.com"),
            Throws.InstanceOf<SslHandshakeException>());

        Assert.That(seen, Is.EqualTo(new object[] { "mail.example.com" }));
        Assert.That(callback.Decision!.Value.Verdict, Is.EqualTo(MxVerdict.Deliver));
        Assert.That(callback.NextAccepted, Is.False);
        Assert.That(callback.Accepted, Is.False);
    }

    [Test]
    public void Attach_ClientsCallbackAccepts_ButThePolicyRefuses_Refused()
    {
        bool called = false;
        using var client = new SmtpClient
        {
            ServerCertificateValidationCallback = (_, _, _, _) => called = true,
        };
        MtaStsCertificateCallback callback = MtaStsCertificateCallback.Attach(
            client, MailLoopback.CreateChecker(), Resolution(TestMail.Enforce("mail.example.com")));

        Assert.That(() => ConnectAsync(client, Loopback.WrongName, "mail.example.com"),
            Throws.InstanceOf<SslHandshakeException>());

        Assert.That(called, Is.True, "the wrapped callback is called whatever the policy decided");
        Assert.That(callback.NextAccepted, Is.True);
        Assert.That(callback.Decision!.Value.ResultType, Is.EqualTo(ResultTypes.CertificateHostMismatch));
        Assert.That(callback.Accepted, Is.False);
    }

    [Test]
    public void Validate_NoCertificate_NeverAccepted_DecidedAsAFailedHandshake()
    {
        var callback = new MtaStsCertificateCallback(
            MailLoopback.CreateChecker(), Resolution(TestMail.Testing("mail.example.com")));

        bool accepted = callback.Validate(
            "mail.example.com", null, null, SslPolicyErrors.RemoteCertificateNotAvailable);

        Assert.That(accepted, Is.False);
        Assert.That(callback.Decision!.Value.ReasonCode, Is.EqualTo(MxReasonCodes.HandshakeFailed));
        Assert.That(callback.Decision!.Value.Verdict, Is.EqualTo(MxVerdict.DeliverAndReport));
    }

    [Test]
    public void Validate_SenderOfAnotherKind_MatchesNoPattern()
    {
        var callback = new MtaStsCertificateCallback(
            MailLoopback.CreateChecker(), Resolution(TestMail.Enforce("mail.example.com")));
        using X509Certificate2 certificate = TestPki.PublicPart(TestPki.Trusted.Leaf("mail.example.com").Leaf);

        bool accepted = callback.Validate(new object(), certificate, null, SslPolicyErrors.None);

        Assert.That(accepted, Is.False);
        Assert.That(callback.MxHost, Is.Empty);
        Assert.That(callback.Decision!.Value.ReasonCode, Is.EqualTo(MxReasonCodes.MxNotInPolicy));
    }

    [Test]
    public void Validate_NoResolution_AcceptsAnyCertificate()
    {
        var callback = new MtaStsCertificateCallback(MailLoopback.CreateChecker(), null);
        using X509Certificate2 certificate = TestPki.PublicPart(TestPki.SelfSigned("mail.example.com").Leaf);

        bool accepted = callback.Validate(
            "mail.example.com", certificate, null, SslPolicyErrors.RemoteCertificateChainErrors);

        Assert.That(accepted, Is.True);
        Assert.That(callback.Decision!.Value.Verdict, Is.EqualTo(MxVerdict.NoPolicy));
    }

    [Test]
    public void Validate_WrappedCallbackThrows_DecisionStillKept()
    {
        var callback = new MtaStsCertificateCallback(MailLoopback.CreateChecker(),
            Resolution(TestMail.Enforce("mail.example.com")), default,
            (_, _, _, _) => throw new InvalidOperationException("the wrapped callback failed"));
        using X509Certificate2 certificate = TestPki.PublicPart(TestPki.Trusted.Leaf("mail.example.com").Leaf);
        using var sent = new X509Chain();
        sent.ChainPolicy.ExtraStore.Add(TestPki.PublicPart(TestPki.Trusted.Intermediate));

        Assert.That(() => callback.Validate("mail.example.com", certificate, sent, SslPolicyErrors.None),
            Throws.InvalidOperationException);

        Assert.That(callback.Decision!.Value.Verdict, Is.EqualTo(MxVerdict.Deliver));
        Assert.That(callback.Accepted, Is.False);
        Assert.That(callback.NextAccepted, Is.Null);
    }

    [Test]
    public void Constructor_NoChecker_Throws() =>
        Assert.That(() => new MtaStsCertificateCallback(null!, null), Throws.ArgumentNullException);
}
