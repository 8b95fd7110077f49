using System.Threading;
using System.Threading.Tasks;

namespace MtaSts.Client.Reporting;

/// <summary>
/// Sends a TLS report by mail to a <c>mailto:</c> destination (RFC 8460 §5.3): a
/// <c>multipart/report</c> message with <c>report-type="tlsrpt"</c>, the headers
/// <c>TLS-Report-Domain</c> and <c>TLS-Report-Submitter</c>, a DKIM signature without <c>l=</c>,
/// and <see cref="TlsReportPayload.Gzip"/> attached as <see cref="TlsReportPayload.FileName"/>.
/// The SMTP session that carries it must be recorded with <see cref="SessionResult.AsReportDelivery"/>,
/// if at all, and must not fail for TLS reasons.
/// </summary>
/// <remarks>
/// The library has no implementation, so that it never references a mail library: the package
/// MtaSts.Client.MailKit provides one (<c>TlsReportMailer</c>, registered with <c>AddMtaStsReportMail</c>),
/// and <see cref="TlsReportScheduler"/> uses whichever is registered.
/// </remarks>
public interface ITlsReportMailer
{
    /// <summary>Sends one report to one address.</summary>
    /// <param name="destination">The destination; its <see cref="ReportDestination.MailAddress"/> is the recipient.</param>
    /// <param name="payload">The report, compressed and named.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>Whether the report was accepted for delivery; a failure is tried again later.</returns>
    Task<ReportDeliveryResult> SendAsync(
        ReportDestination destination,
        TlsReportPayload payload,
        CancellationToken cancellationToken);
}
