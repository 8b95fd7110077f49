using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using MtaSts.Client.Policies;
using MtaSts.Client.Reporting;
using MtaSts.Testing;

namespace MtaSts.Client.MailKit.Tests;

/// <summary>
/// Reports for the mail tests, in the conventions of section H: submitter <c>sender.example</c>,
/// the day 2024-05-01, sessions recorded with <see cref="TlsReportRecorder"/>; and the reading of
/// what an SMTP server received.
/// </summary>
internal static class ReportMail
{
    public const string Submitter = "sender.example";
    public const string ContactInfo = "tlsrpt@sender.example";
    public const string Organization = "Sender Org";
    public const string Recipient = "tlsrpt@example.com";

    public static readonly DateTimeOffset T0 = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Day = DateOnly.FromDateTime(T0.UtcDateTime);

    private static readonly IPAddress s_receivingIp = IPAddress.Parse("198.51.100.5");

    /// <summary>The mailto: destination of <paramref name="address"/>, as a _smtp._tls record gives it.</summary>
    public static ReportDestination Mailto(string address = Recipient) =>
        TlsRptRecord.Parse($"v=TLSRPTv1; rua=mailto:{address}").Destinations[0];

    /// <summary>
    /// The report of 2024-05-01 for <paramref name="domain"/>: five sessions that went well, two with an
    /// expired certificate at mail.example.com, one without STARTTLS at backup.example.com.
    /// </summary>
    public static TlsReportPayload RecordDay(string domain = TestMail.Domain, string contactInfo = ContactInfo)
    {
        PolicyDomain policyDomain = PolicyDomain.Create(domain);
        var store = new MemoryTlsReportStore();
        var recorder = new TlsReportRecorder(store, new FakeTimeProvider(T0.AddHours(10)));
        byte[] body = Encoding.UTF8.GetBytes(TestMail.Enforce("mail.example.com", "*.example.net"));
        ReportPolicy policy = ReportPolicy.Sts(policyDomain, MtaStsPolicy.Parse(body));
        var sender = IPAddress.Parse("192.0.2.10");
        for (int i = 0; i < 5; i++)
        {
            recorder.Record(Reporting.SessionResult.Success(policy));
        }

        for (int i = 0; i < 2; i++)
        {
            recorder.Record(Reporting.SessionResult.Failure(policy, new FailureDetail(
                ResultTypes.CertificateExpired, sender, "mail.example.com", receivingIp: s_receivingIp)));
        }

        recorder.Record(Reporting.SessionResult.Failure(policy, new FailureDetail(
            ResultTypes.StartTlsNotSupported, sender, "backup.example.com")));

        var key = new TlsReportKey(Day, policyDomain);
        IReadOnlyList<PolicyResults> recorded = store.Find(key)!;
        return TlsReportPayload.Create(TlsReport.ForDay(key, Organization, contactInfo, recorded), policyDomain);
    }

    /// <summary>Options for <see cref="Submitter"/>, signing with the RSA test key file or not.</summary>
    public static TlsReportMailOptions Options(bool sign = true)
    {
        var options = new TlsReportMailOptions { SubmitterDomain = Submitter };
        if (sign)
        {
            options.Dkim.Selector = DkimTestKey.Selector;
            options.Dkim.PrivateKeyFile = DkimTestKey.Rsa.PemFile;
        }

        return options;
    }

    public static MimeMessage Parse(ReceivedMessage received) =>
        MimeMessage.Load(new MemoryStream(received.Data));

    /// <summary>The bytes of the second part, decoded from base64.</summary>
    public static byte[] Attachment(MimeMessage message)
    {
        var part = (MimePart)((Multipart)message.Body!)[1];
        using var decoded = new MemoryStream();
        part.Content!.DecodeTo(decoded);
        return decoded.ToArray();
    }

    /// <summary>One header as it arrived, with its folded lines, without the final line break.</summary>
    public static string RawHeader(ReceivedMessage received, string name)
    {
        // Line breaks around the section, and one more character, so every header ends at a "\r\n".
        string headers = "\r\n" + RawHeaders(received) + "\r\n.";
        int start = headers.IndexOf("\r\n" + name + ":", StringComparison.OrdinalIgnoreCase) + 2;
        int end = start;
        do
        {
            end = headers.IndexOf("\r\n", end + 1, StringComparison.Ordinal);
        }
        while (headers[end + 2] is ' ' or '\t');

        return headers[start..end];
    }

    /// <summary>The message's header section as it arrived, folded lines kept.</summary>
    public static string RawHeaders(ReceivedMessage received)
    {
        string text = Encoding.ASCII.GetString(received.Data);
        return text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
    }
}
