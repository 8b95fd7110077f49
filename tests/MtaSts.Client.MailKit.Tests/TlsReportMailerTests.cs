using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using MtaSts.Client.Decision;
using MtaSts.Client.Policies;
using MtaSts.Client.Reporting;
using MtaSts.Testing;
using NUnit.Framework;

namespace MtaSts.Client.MailKit.Tests;

/// <summary>
/// TLS reports mailed with MimeKit through the sender to SMTP servers on loopback (RFC 8460 §5.3,
/// cases 175, 213, 215, 216, 221): what arrived is parsed back with MimeKit and the report reader.
/// </summary>
[TestFixture]
public sealed partial class TlsReportMailerTests
{
    private static readonly DateTimeOffset s_sentAt = ReportMail.T0.AddDays(1).AddHours(2).AddMinutes(17);

    private FakeTimeProvider _clock = null!;

    private static MailLoopback Loopback => LoopbackSetUp.Loopback;

    [SetUp]
    public void ResetServers()
    {
        Loopback.Reset();
        Loopback.AddMx(TestMail.Domain, 10, "mail.example.com", Loopback.Mail);
        DkimTestKey.Rsa.Publish(Loopback.Dns);
        _clock = new FakeTimeProvider(s_sentAt);
    }

    private TlsReportMailer CreateMailer(TlsReportMailOptions? options = null) =>
        new(Loopback.CreateSender(out _), options ?? ReportMail.Options(), _clock);

    private async Task<(MimeMessage Message, ReceivedMessage Received)> MailAsync(
        TlsReportPayload payload,
        TlsReportMailOptions? options = null)
    {
        ReportDeliveryResult result = await CreateMailer(options)
            .SendAsync(ReportMail.Mailto(), payload, CancellationToken.None);

        Assert.That(result.IsDelivered, Is.True, result.Message);
        ReceivedMessage received = Loopback.Mail.Messages.Single();
        return (ReportMail.Parse(received), received);
    }

    [Test]
    public async Task Case215_Message_IsAMultipartReportOfTextAndTheGzipReport()
    {
        TlsReportPayload payload = ReportMail.RecordDay();

        (MimeMessage message, ReceivedMessage received) = await MailAsync(payload);

        Assert.That(message.Body!.ContentType.MimeType, Is.EqualTo("multipart/report"));
        Assert.That(message.Body!.ContentType.Parameters["report-type"], Is.EqualTo("tlsrpt"));
        Assert.That(ReportMail.RawHeaders(received), Does.Contain("report-type=\"tlsrpt\""));
        var report = (MultipartReport)message.Body;
        Assert.That(report, Has.Count.EqualTo(2));
        var text = (TextPart)report[0];
        Assert.That(text.ContentType.MimeType, Is.EqualTo("text/plain"));
        Assert.That(text.Text, Does.Contain("Policy Domain: example.com"));
        Assert.That(text.Text, Does.Contain("2024-05-01T00:00:00Z to 2024-05-01T23:59:59Z"));
        Assert.That(text.Text, Does.Contain("Sessions:      5 successful, 3 failed"));
        Assert.That(text.Text, Does.Contain("  certificate-expired: 2\n"));
        Assert.That(text.Text, Does.Contain("  starttls-not-supported: 1\n"));
        Assert.That(text.Text, Does.Contain("Attached:      " + payload.FileName));
        Assert.That(text.ContentTransferEncoding, Is.AnyOf(ContentEncoding.Default, ContentEncoding.SevenBit));
        var attachment = (MimePart)report[1];
        Assert.That(attachment.ContentType.MimeType, Is.EqualTo("application/tlsrpt+gzip"));
        Assert.That(attachment.ContentTransferEncoding, Is.EqualTo(ContentEncoding.Base64));
        Assert.That(attachment.ContentDisposition!.Disposition, Is.EqualTo(ContentDisposition.Attachment));
        Assert.That(attachment.FileName, Is.EqualTo("sender.example!example.com!1714521600!1714607999.json.gz"));
        Assert.That(TestMail.Text(received.Data),
            Does.Contain("filename=\"sender.example!example.com!1714521600!1714607999.json.gz\""));
    }

    [Test]
    public async Task Case215_Headers_ReportDomainSubmitterSubjectFromMessageIdDate()
    {
        TlsReportPayload payload = ReportMail.RecordDay();

        (MimeMessage message, ReceivedMessage received) = await MailAsync(payload);

        Assert.That(message.Headers["TLS-Report-Domain"], Is.EqualTo("example.com"));
        Assert.That(message.Headers["TLS-Report-Submitter"], Is.EqualTo("sender.example"));
        Assert.That(message.Subject, Is.EqualTo(
            "Report Domain: example.com Submitter: sender.example "
            + "Report-ID: <20240501.example.com@sender.example>"));
        MailboxAddress from = message.From.Mailboxes.Single();
        Assert.That(from.Address, Is.EqualTo(ReportMail.ContactInfo));
        Assert.That(from.Name, Is.EqualTo(ReportMail.Organization));
        Assert.That(message.MessageId, Does.EndWith("@sender.example"));
        Assert.That(message.Date, Is.EqualTo(s_sentAt));
        Assert.That(message.To.Mailboxes.Single().Address, Is.EqualTo(ReportMail.Recipient));
        Assert.That(received.MailFrom, Is.EqualTo(ReportMail.ContactInfo));
        Assert.That(received.Recipients, Is.EqualTo(new[] { ReportMail.Recipient }));
        Assert.That(received.IsSecure, Is.True);
    }

    [Test]
    public async Task Case215_Attachment_DecompressesToTheReportThatWasRecorded()
    {
        TlsReportPayload payload = ReportMail.RecordDay();

        (MimeMessage message, _) = await MailAsync(payload);

        byte[] gzip = ReportMail.Attachment(message);
        Assert.That(gzip.Take(2), Is.EqualTo(new byte[] { 0x1f, 0x8b }));
        TlsReportReadResult read = TlsReportReader.ReadGzip(gzip);
        Assert.That(read.IsValid, Is.True, () => string.Join("; ", read.Diagnostics));
        Assert.That(TestMail.Text(TlsReportWriter.ToJson(read.Report!)),
            Is.EqualTo(TestMail.Text(TlsReportWriter.ToJson(payload.Report))));
        PolicyResults results = read.Report!.Policies.Single();
        Assert.That(results.SuccessfulSessionCount, Is.EqualTo(5));
        Assert.That(results.FailedSessionCount, Is.EqualTo(3));
        Assert.That(results.FailureDetails.Single(d => d.Detail.ResultType == ResultTypes.CertificateExpired)
            .FailedSessionCount, Is.EqualTo(2));
        Assert.That(read.Report.ReportId, Is.EqualTo("20240501.example.com@sender.example"));
    }

    [Test]
    public async Task Case221_Case213_SubjectHeadersAndFileName_AgreeWithTheJson()
    {
        TlsReportPayload payload = ReportMail.RecordDay("bücher.example");

        (MimeMessage message, _) = await MailAsync(payload);

        Match subject = Regex.Match(
            message.Subject!, @"^Report Domain: (\S+) Submitter: (\S+) Report-ID: <(\S+)>$");
        Assert.That(subject.Success, Is.True, message.Subject);
        using JsonDocument json = JsonDocument.Parse(Gunzip(ReportMail.Attachment(message)));
        JsonElement root = json.RootElement;
        string? policyDomain = root.GetProperty("policies")[0]
            .GetProperty("policy").GetProperty("policy-domain").GetString();
        string contactDomain = root.GetProperty("contact-info").GetString()!.Split('@')[1];
        Assert.That(policyDomain, Is.EqualTo("xn--bcher-kva.example"));
        Assert.That(subject.Groups[1].Value, Is.EqualTo(policyDomain));
        Assert.That(message.Headers["TLS-Report-Domain"], Is.EqualTo(policyDomain));
        Assert.That(subject.Groups[2].Value, Is.EqualTo(contactDomain));
        Assert.That(message.Headers["TLS-Report-Submitter"], Is.EqualTo(contactDomain));
        Assert.That(subject.Groups[3].Value, Is.EqualTo(root.GetProperty("report-id").GetString()));
        long start = DateTimeOffset.Parse(
            root.GetProperty("date-range").GetProperty("start-datetime").GetString()!,
            System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds();
        Assert.That(((MimePart)((Multipart)message.Body!)[1]).FileName,
            Does.StartWith($"{contactDomain}!{policyDomain}!{start}!"));
    }

    [Test]
    public async Task SendAsync_LongDomains_SubjectFoldedAtSpacesOnly_FileNameQuotedWhole()
    {
        const string domain = "a-rather-long-policy-domain-name.with-several-labels.example.com";
        const string submitter = "reports.a-submitter-with-a-rather-long-name.example";
        TlsReportPayload payload = ReportMail.RecordDay(domain, "tlsrpt@" + submitter);
        var options = new TlsReportMailOptions { SubmitterDomain = submitter };

        (MimeMessage message, ReceivedMessage received) = await MailAsync(payload, options);

        string subject = ReportMail.RawHeader(received, "Subject");
        Assert.That(subject, Does.Not.Contain("=?"));
        Assert.That(subject.Split("\r\n"), Has.Length.GreaterThan(1), "folded");
        Assert.That(message.Subject, Is.EqualTo(payload.Subject));
        string data = TestMail.Text(received.Data);
        Assert.That(data, Does.Contain($"filename=\"{payload.FileName}\""));
        Assert.That(data, Does.Not.Contain("filename*"));
        Assert.That(((MimePart)((Multipart)message.Body!)[1]).FileName, Is.EqualTo(payload.FileName));
    }

    [Test]
    public async Task Case175_EnforceMxWithAnExpiredCertificate_ReportDelivered_SessionNeverCounted()
    {
        Loopback.Reset();
        Loopback.Publish(TestMail.Domain, "A1", TestMail.Enforce("mail.example.com"));
        Loopback.AddMx(TestMail.Domain, 10, "mail.example.com", Loopback.Expired);
        var store = new MemoryTlsReportStore();
        var recorder = new TlsReportRecorder(store, _clock);

        DeliveryResult result = await CreateMailer(ReportMail.Options(sign: false))
            .DeliverAsync(ReportMail.Mailto(), ReportMail.RecordDay());

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Delivered), result.Reason);
        Assert.That(Loopback.Expired.Messages.Single().Recipients, Is.EqualTo(new[] { ReportMail.Recipient }));
        MxAttempt attempt = result.DeliveredVia!;
        MxDecision decision = attempt.Decision!.Value;
        Assert.That(decision.Verdict, Is.EqualTo(MxVerdict.DeliverAndReport));
        Assert.That(decision.ResultType, Is.EqualTo(ResultTypes.CertificateExpired));
        Assert.That(decision.IsReportDelivery, Is.True);
        Reporting.SessionResult session = Reporting.SessionResult.FromDecision(
            result.Resolution!, decision, attempt.Host, receivingIp: attempt.ConnectedAddress);
        Assert.That(session.IsReportDelivery, Is.True);
        Assert.That(recorder.Record(session), Is.EqualTo(SessionCountOutcome.Ignored));
        Assert.That(store.GetKeys(), Is.Empty);
    }

    [Test]
    public void Case216_ReportOfAnotherSubmitter_RefusedAndNothingSent()
    {
        TlsReportPayload other = ReportMail.RecordDay(contactInfo: "tlsrpt@other.example");
        TlsReportMailer mailer = CreateMailer();

        Assert.That(() => mailer.SendAsync(ReportMail.Mailto(), other, CancellationToken.None),
            Throws.ArgumentException.With.Message.Contains("'sender.example'")
                .And.Message.Contains("TLS-Report-Submitter")
                .And.Property(nameof(ArgumentException.ParamName)).EqualTo("payload"));
        Assert.That(Loopback.Mail.Connections, Is.Zero);
        Assert.That(Loopback.Dns.Queries, Has.None.EqualTo("example.com MX"));
    }

    [Test]
    public async Task SendAsync_FromWithADisplayName_IsHeaderAndEnvelopeSender()
    {
        TlsReportMailOptions options = ReportMail.Options(sign: false);
        options.From = "TLS reports <reports@Sender.Example>";

        (MimeMessage message, ReceivedMessage received) = await MailAsync(ReportMail.RecordDay(), options);

        Assert.That(message.From.Mailboxes.Single().Name, Is.EqualTo("TLS reports"));
        Assert.That(received.MailFrom, Is.EqualTo("reports@Sender.Example"));
    }

    [Test]
    public async Task SendAsync_ServerRejects_FailedWithItsReply()
    {
        Loopback.Mail.Rejection = (550, "5.7.1 no reports here");

        ReportDeliveryResult result = await CreateMailer()
            .SendAsync(ReportMail.Mailto(), ReportMail.RecordDay(), CancellationToken.None);

        Assert.That(result.IsDelivered, Is.False);
        Assert.That(result.Message, Does.Contain("Rejected (5.7.1)").And.Contain("no reports here"));
    }

    [Test]
    public async Task SendAsync_NoMailExchanger_Failed()
    {
        Loopback.Reset();

        ReportDeliveryResult result = await CreateMailer()
            .SendAsync(ReportMail.Mailto(), ReportMail.RecordDay(), CancellationToken.None);

        Assert.That(result.IsDelivered, Is.False);
        Assert.That(result.Message, Does.StartWith("NoMailExchanger"));
    }

    [Test]
    public void SendAsync_HttpsDestination_Throws()
    {
        ReportDestination https =
            TlsRptRecord.Parse("v=TLSRPTv1; rua=https://reports.example/v1").Destinations[0];

        Assert.That(() => CreateMailer().SendAsync(https, ReportMail.RecordDay(), CancellationToken.None),
            Throws.ArgumentException.With.Property(nameof(ArgumentException.ParamName)).EqualTo("destination"));
        Assert.That(() => CreateMailer().CreateMessage(https, ReportMail.RecordDay()),
            Throws.ArgumentException.With.Message.Contains("not a mailto: destination"));
    }

    [Test]
    public async Task SendAsync_AddressThatCannotBeWritten_FailedWithoutConnecting()
    {
        // The record parser no longer lets such an address through; the mailer still refuses it.
        Assert.That(TlsRptRecordParser.Parse("v=TLSRPTv1; rua=mailto:%22unbalanced@example.com").IsValid, Is.False);
        var odd = new ReportDestination(new Uri("mailto:%22unbalanced@example.com"), "\"unbalanced@example.com");

        ReportDeliveryResult result = await CreateMailer()
            .SendAsync(odd, ReportMail.RecordDay(), CancellationToken.None);

        Assert.That(result.IsDelivered, Is.False);
        Assert.That(result.Message, Does.Contain("not an address a message can be sent to"));
        Assert.That(Loopback.Mail.Connections, Is.Zero);
    }

    [Test]
    public void Constructor_CopiesTheOptions()
    {
        TlsReportMailOptions options = ReportMail.Options(sign: false);
        TlsReportMailer mailer = CreateMailer(options);

        options.SubmitterDomain = "other.example";

        Assert.That(mailer.SubmitterDomain, Is.EqualTo(ReportMail.Submitter));
    }

    private static byte[] Gunzip(byte[] gzip)
    {
        using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
