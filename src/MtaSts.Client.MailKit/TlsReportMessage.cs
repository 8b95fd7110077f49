using System;
using System.IO;
using System.Text;
using MimeKit;
using MimeKit.Utils;
using MtaSts.Client.Reporting;

namespace MtaSts.Client.MailKit;

/// <summary>
/// The message that carries a TLS report by mail (RFC 8460 §5.3): <c>multipart/report</c> with
/// <c>report-type="tlsrpt"</c>, a text part for people, the gzip report as an attachment named by the
/// §5.1 convention, and the <c>TLS-Report-Domain</c> and <c>TLS-Report-Submitter</c> headers.
/// </summary>
internal static class TlsReportMessage
{
    public const string ReportDomainHeader = "TLS-Report-Domain";
    public const string ReportSubmitterHeader = "TLS-Report-Submitter";
    public const string ReportType = "tlsrpt";
    public const string GzipMediaSubtype = "tlsrpt+gzip";

    private const int LineLength = 78;

    /// <summary>The message, 7-bit clean and ready to sign: sending it must change nothing in it.</summary>
    public static MimeMessage Create(
        TlsReportPayload payload,
        MailboxAddress from,
        MailboxAddress to,
        DateTimeOffset date)
    {
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(to);
        message.Date = date;
        message.MessageId = MimeUtils.GenerateMessageId(payload.SubmitterDomain);
        message.Subject = payload.Subject;
        message.Headers.Add(ReportDomainHeader, payload.PolicyDomain.Name);
        message.Headers.Add(ReportSubmitterHeader, payload.SubmitterDomain);

        var text = new TextPart(MimeKit.Text.TextFormat.Plain);
        text.SetText("utf-8", TlsReportSummary.Write(payload));
        var attachment = new MimePart("application", GzipMediaSubtype)
        {
            Content = new MimeContent(new MemoryStream(payload.Gzip.ToArray(), writable: false)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment)
            {
                FileName = payload.FileName,
            },
            ContentTransferEncoding = ContentEncoding.Base64,
        };
        var report = new MultipartReport(ReportType) { text, attachment };

        // The RFC writes the parameter quoted; some receivers compare the header text.
        foreach (Parameter parameter in report.ContentType.Parameters)
        {
            parameter.AlwaysQuote = parameter.Name.Equals("report-type", StringComparison.OrdinalIgnoreCase);
        }

        message.Body = report;
        message.Prepare(EncodingConstraint.SevenBit, LineLength);

        // MimeKit would write a word too long for a line as an RFC 2047 encoded word, and a long file
        // name as RFC 2231 continuations; receivers look for the Subject words and filename="..." as
        // RFC 8460 writes them, so both are folded at spaces only.
        if (IsPlainAscii(payload.Subject))
        {
            SetRaw(message.Headers, HeaderId.Subject, Fold("Subject:", payload.Subject));
        }

        if (IsPlainAscii(payload.FileName) && payload.FileName.AsSpan().IndexOfAny('"', '\\') < 0)
        {
            SetRaw(attachment.Headers, HeaderId.ContentDisposition,
                " " + ContentDisposition.Attachment + ";\r\n\tfilename=\"" + payload.FileName + "\"\r\n");
        }

        return message;
    }

    /// <summary>
    /// The value folded before a word that would pass the line length, as RFC 5322 §2.2.3 allows;
    /// a word longer than a line stays whole.
    /// </summary>
    private static string Fold(string name, string value)
    {
        var raw = new StringBuilder(value.Length + 8);
        int column = name.Length;
        foreach (string word in value.Split(' '))
        {
            if (word.Length > 0 && column > name.Length && column + 1 + word.Length > LineLength)
            {
                raw.Append("\r\n");
                column = 0;
            }

            raw.Append(' ').Append(word);
            column += 1 + word.Length;
        }

        return raw.Append("\r\n").ToString();
    }

    private static void SetRaw(HeaderList headers, HeaderId id, string raw) =>
        headers[headers.IndexOf(id)].SetRawValue(Encoding.ASCII.GetBytes(raw));

    private static bool IsPlainAscii(string value)
    {
        foreach (char c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
