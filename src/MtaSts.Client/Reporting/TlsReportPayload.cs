using System;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Reporting;

/// <summary>
/// A report ready to deliver: the report, its gzip-compressed JSON, its file name, and the domains a
/// mail delivery puts in <c>TLS-Report-Domain</c> and <c>TLS-Report-Submitter</c> (RFC 8460 §5.3).
/// </summary>
public sealed class TlsReportPayload
{
    private readonly byte[] _gzip;

    private TlsReportPayload(TlsReport report, PolicyDomain policyDomain, string submitterDomain, byte[] gzip)
    {
        Report = report;
        PolicyDomain = policyDomain;
        SubmitterDomain = submitterDomain;
        _gzip = gzip;
        FileName = TlsReportFileName.Create(submitterDomain, policyDomain, report.StartDatetime, report.EndDatetime);
    }

    /// <summary>Gets the report.</summary>
    public TlsReport Report { get; }

    /// <summary>Gets the Policy Domain the report is about (<c>TLS-Report-Domain</c>).</summary>
    public PolicyDomain PolicyDomain { get; }

    /// <summary>Gets the domain of the report's <c>contact-info</c> (<c>TLS-Report-Submitter</c>), in A-labels.</summary>
    public string SubmitterDomain { get; }

    /// <summary>Gets the report as gzip-compressed JSON (<c>application/tlsrpt+gzip</c>).</summary>
    public ReadOnlyMemory<byte> Gzip => _gzip;

    /// <summary>Gets the file name of <see cref="Gzip"/>, by the RFC 8460 §5.1 convention.</summary>
    public string FileName { get; }

    /// <summary>
    /// Gets the Subject RFC 8460 §5.3 recommends for a mail delivery:
    /// <c>Report Domain: ... Submitter: ... Report-ID: &lt;...&gt;</c>.
    /// </summary>
    public string Subject => $"Report Domain: {PolicyDomain.Name} Submitter: {SubmitterDomain} Report-ID: <{Report.ReportId}>";

    /// <summary>Compresses a report for delivery.</summary>
    /// <param name="report">The report.</param>
    /// <param name="policyDomain">The Policy Domain of every policy in the report.</param>
    /// <returns>The payload.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The report's <c>contact-info</c> is not <c>local-part@domain</c>.</exception>
    public static TlsReportPayload Create(TlsReport report, PolicyDomain policyDomain)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(policyDomain);

        string submitter = TlsReport.SubmitterDomainOf(report.ContactInfo)
            ?? throw new ArgumentException($"The contact-info '{report.ContactInfo}' is not an address.", nameof(report));
        return new TlsReportPayload(report, policyDomain, submitter, TlsReportWriter.ToGzip(report));
    }
}
