using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using MailKit.Net.Smtp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using MimeKit.Cryptography;
using MtaSts.Client.Decision;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using MtaSts.Client.Reporting;
using MtaSts.Client.Resolution;
using MtaSts.Testing;
using NUnit.Framework;

namespace MtaSts.Client.MailKit.Tests;

/// <summary>
/// A day of TLS reporting end to end, everything from dependency injection over loopback servers:
/// messages sent with MailKit under an <c>enforce</c> policy, each MX decision recorded under a fake
/// clock, and after midnight the scheduler sending the report to both destinations of the
/// <c>_smtp._tls</c> record, an <c>https:</c> receiver on Kestrel and a <c>mailto:</c> address whose
/// MX host presents an expired certificate (case 175). The receiver side reads both and compares
/// them with what was recorded.
/// </summary>
[TestFixture]
public sealed class ReportMailEndToEndTests
{
    private static readonly int[] s_hours = [1, 7, 13, 19];

    private HttpsReportReceiver _receiver = null!;

    private static MailLoopback Loopback => LoopbackSetUp.Loopback;

    [OneTimeSetUp]
    public async Task StartReceiverAsync() => _receiver = await HttpsReportReceiver.StartAsync();

    [OneTimeTearDown]
    public async Task StopReceiverAsync() => await _receiver.DisposeAsync();

    private static SmtpClient CreateClient() => new() { LocalDomain = "sender.loopback.test", Timeout = 20_000 };

    private static X509Certificate2 Root => TestPki.PublicPart(TestPki.Trusted.Root);

    private ServiceProvider BuildServices(TimeProvider clock) => new ServiceCollection()
        .AddSingleton(clock)
        .AddMtaSts(options =>
        {
            options.Dns.Servers.Add(Loopback.Dns.EndPoint);
            options.Dns.Retries = 0;
            options.Dns.MaximumCacheTime = TimeSpan.Zero;
            options.Fetch.AllowPrivateAddresses = true;
            options.Fetch.ConnectPort = Loopback.PolicyHostServer.Port;
            options.Fetch.TrustRoots.Add(Root);
            options.MxCertificates.TrustRoots.Add(Root);
        })
        .AddMtaStsReporting(options =>
        {
            options.OrganizationName = ReportMail.Organization;
            options.ContactInfo = ReportMail.ContactInfo;
            options.MaximumSendDelay = TimeSpan.Zero;
            options.Delivery.AllowPrivateAddresses = true;
            options.Delivery.TrustRoots.Add(Root);
        })
        .AddMtaStsReportMail(options =>
        {
            options.Dkim.Selector = DkimTestKey.Selector;
            options.Dkim.PrivateKeyFile = DkimTestKey.Rsa.PemFile;
            options.Smtp.Port = Loopback.Port;
            options.Smtp.ClientFactory = CreateClient;
        })
        .BuildServiceProvider();

    [Test]
    public async Task RecordedDay_ReportArrivesByHttpsAndByMail_BothAsRecorded()
    {
        // The fake day is today, so that the test PKI's certificates are valid (and the expired one
        // expired) under the clock that checks them.
        DateTimeOffset dayStart = new(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero);
        var clock = new FakeTimeProvider(dayStart);
        Loopback.Reset();
        Loopback.Publish(TestMail.Domain, "A1", TestMail.Enforce("mail.example.com", "backup.example.com"));
        Loopback.AddMx(TestMail.Domain, 10, "mail.example.com", Loopback.Expired);
        Loopback.AddMx(TestMail.Domain, 20, "backup.example.com", Loopback.Backup);
        Loopback.Dns.AddTxt("_smtp._tls." + TestMail.Domain,
            $"v=TLSRPTv1; rua=mailto:{ReportMail.Recipient},{_receiver.Uri}");
        Loopback.Dns.AddAddress(HttpsReportReceiver.HostName, "127.0.0.1");
        DkimTestKey.Rsa.Publish(Loopback.Dns);
        using ServiceProvider services = BuildServices(clock);

        await SendAndRecordDayAsync(services, clock, dayStart);
        var key = new TlsReportKey(
            DateOnly.FromDateTime(dayStart.UtcDateTime), PolicyDomain.Create(TestMail.Domain));
        ITlsReportStore store = services.GetRequiredService<ITlsReportStore>();
        IReadOnlyList<PolicyResults> recorded = store.Find(key)!;
        string expected = TestMail.Text(TlsReportWriter.ToJson(
            TlsReport.ForDay(key, ReportMail.Organization, ReportMail.ContactInfo, recorded)));

        clock.SetUtcNow(dayStart.AddDays(1).AddMinutes(1));
        await services.GetRequiredService<TlsReportScheduler>().SendDueAsync(CancellationToken.None);

        AssertRecorded(recorded.Single());
        (string method, string? contentType, byte[] body) = _receiver.Posts.Single();
        Assert.That(method, Is.EqualTo("POST"));
        Assert.That(contentType, Is.EqualTo("application/tlsrpt+gzip"));
        Assert.That(TestMail.Text(TlsReportWriter.ToJson(Read(body))), Is.EqualTo(expected), "by HTTPS");

        ReceivedMessage mail = Loopback.Expired.Messages.Single();
        Assert.That(mail.Recipients, Is.EqualTo(new[] { ReportMail.Recipient }));
        Assert.That(mail.IsSecure, Is.True, "over TLS, though the certificate is expired");
        MimeMessage message = ReportMail.Parse(mail);
        TlsReport mailed = Read(ReportMail.Attachment(message));
        Assert.That(TestMail.Text(TlsReportWriter.ToJson(mailed)), Is.EqualTo(expected), "by mail");
        Assert.That(message.Subject, Is.EqualTo(
            $"Report Domain: example.com Submitter: sender.example Report-ID: <{mailed.ReportId}>"));
        Assert.That(await new DkimVerifier(new LoopbackDkimKeyLocator(Loopback.Dns.EndPoint))
            .VerifyAsync(message, message.Headers[message.Headers.IndexOf(HeaderId.DkimSignature)]), Is.True);
        Assert.That(store.GetKeys(), Is.Empty, "the day is done with once both destinations took it");
    }

    /// <summary>
    /// Four messages over the day: each time the expired MX is refused under <c>enforce</c> and the
    /// backup takes the message; every MX decision is recorded.
    /// </summary>
    private static async Task SendAndRecordDayAsync(
        ServiceProvider services,
        FakeTimeProvider clock,
        DateTimeOffset dayStart)
    {
        var sender = new MtaStsSmtpSender(
            services.GetRequiredService<MtaStsPolicyResolver>(),
            services.GetRequiredService<MtaStsDnsClient>(),
            services.GetRequiredService<MxChecker>(),
            new MtaStsSenderOptions { Port = Loopback.Port, ClientFactory = CreateClient },
            clock);
        TlsReportRecorder recorder = services.GetRequiredService<TlsReportRecorder>();
        foreach (int hour in s_hours)
        {
            clock.SetUtcNow(dayStart.AddHours(hour));
            DeliveryResult result = await sender.SendAsync(TestMail.To("bob@example.com"), TestMail.Domain);

            Assert.That(result.DeliveredVia?.Host, Is.EqualTo("backup.example.com"), result.Reason);
            foreach (MxAttempt attempt in result.Attempts)
            {
                recorder.Record(Reporting.SessionResult.FromDecision(result.Resolution!, attempt.Decision!.Value,
                    attempt.Host, receivingIp: attempt.ConnectedAddress));
            }
        }

        Assert.That(Loopback.Backup.Messages, Has.Count.EqualTo(s_hours.Length));
    }

    private static void AssertRecorded(PolicyResults results)
    {
        Assert.That(results.Policy.PolicyType, Is.EqualTo(PolicyTypes.Sts));
        Assert.That(results.Policy.MxHosts, Is.EqualTo(new[] { "mail.example.com", "backup.example.com" }));
        Assert.That(results.SuccessfulSessionCount, Is.EqualTo(s_hours.Length));
        Assert.That(results.FailedSessionCount, Is.EqualTo(s_hours.Length));
        FailureDetailCount failure = results.FailureDetails.Single();
        Assert.That(failure.Detail.ResultType, Is.EqualTo(ResultTypes.CertificateExpired));
        Assert.That(failure.Detail.ReceivingMxHostname, Is.EqualTo("mail.example.com"));
        Assert.That(failure.Detail.ReceivingIp, Is.EqualTo(Loopback.Expired.EndPoint.Address));
        Assert.That(failure.FailedSessionCount, Is.EqualTo(s_hours.Length));
    }

    private static TlsReport Read(byte[] gzip)
    {
        TlsReportReadResult read = TlsReportReader.ReadGzip(gzip);
        Assert.That(read.IsValid, Is.True, () => string.Join("; ", read.Diagnostics));
        return read.Report!;
    }
}
