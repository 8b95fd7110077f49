using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Reporting;

/// <summary>
/// One TLS report (RFC 8460 §4): who sends it, the period it covers, and the results per policy.
/// Immutable. <see cref="TlsReportWriter"/> writes it as JSON, <see cref="TlsReportReader"/> reads it back.
/// </summary>
public sealed class TlsReport
{
    /// <summary>Initializes a new instance of the <see cref="TlsReport"/> class.</summary>
    /// <param name="organizationName">The <c>organization-name</c> of the sender of the report.</param>
    /// <param name="startDatetime">The <c>start-datetime</c> of the period.</param>
    /// <param name="endDatetime">The <c>end-datetime</c> of the period.</param>
    /// <param name="contactInfo">The <c>contact-info</c>, an e-mail address.</param>
    /// <param name="reportId">The <c>report-id</c>.</param>
    /// <param name="policies">The <c>policies</c>.</param>
    /// <exception cref="ArgumentNullException">An argument or an element is null.</exception>
    /// <exception cref="ArgumentException">The period ends before it starts.</exception>
    public TlsReport(
        string organizationName,
        DateTimeOffset startDatetime,
        DateTimeOffset endDatetime,
        string contactInfo,
        string reportId,
        IEnumerable<PolicyResults> policies)
    {
        ArgumentNullException.ThrowIfNull(organizationName);
        ArgumentNullException.ThrowIfNull(contactInfo);
        ArgumentNullException.ThrowIfNull(reportId);
        ArgumentNullException.ThrowIfNull(policies);
        if (endDatetime < startDatetime)
        {
            throw new ArgumentException("The period ends before it starts.", nameof(endDatetime));
        }

        PolicyResults[] copy = policies.ToArray();
        if (Array.IndexOf(copy, null) >= 0)
        {
            throw new ArgumentNullException(nameof(policies), "An element is null.");
        }

        OrganizationName = organizationName;
        StartDatetime = startDatetime;
        EndDatetime = endDatetime;
        ContactInfo = contactInfo;
        ReportId = reportId;
        Policies = copy;
    }

    /// <summary>Gets the <c>organization-name</c>.</summary>
    public string OrganizationName { get; }

    /// <summary>Gets the start of the period (<c>date-range.start-datetime</c>).</summary>
    public DateTimeOffset StartDatetime { get; }

    /// <summary>Gets the end of the period (<c>date-range.end-datetime</c>).</summary>
    public DateTimeOffset EndDatetime { get; }

    /// <summary>Gets the <c>contact-info</c>.</summary>
    public string ContactInfo { get; }

    /// <summary>Gets the <c>report-id</c>.</summary>
    public string ReportId { get; }

    /// <summary>Gets the <c>policies</c>, one element per distinct policy.</summary>
    public IReadOnlyList<PolicyResults> Policies { get; }

    /// <summary>
    /// The report of one Policy Domain for one UTC day: from 00:00:00Z to 23:59:59Z (project decision
    /// 29), with a <c>report-id</c> from <see cref="CreateReportId"/>.
    /// </summary>
    /// <param name="key">The day and the Policy Domain.</param>
    /// <param name="organizationName">The <c>organization-name</c>.</param>
    /// <param name="contactInfo">The <c>contact-info</c>; its domain is the submitter domain.</param>
    /// <param name="policies">The results per policy.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="contactInfo"/> is not <c>local-part@domain</c>.</exception>
    public static TlsReport ForDay(
        TlsReportKey key,
        string organizationName,
        string contactInfo,
        IEnumerable<PolicyResults> policies)
    {
        ArgumentNullException.ThrowIfNull(key.PolicyDomain, nameof(key));
        ArgumentNullException.ThrowIfNull(contactInfo);

        string submitter = SubmitterDomainOf(contactInfo)
            ?? throw new ArgumentException($"'{contactInfo}' is not an address local-part@domain.", nameof(contactInfo));
        return new TlsReport(organizationName, key.Start, key.End, contactInfo, CreateReportId(key, submitter), policies);
    }

    /// <summary>
    /// Makes the <c>report-id</c> of a day's report in msg-id form, <c>yyyyMMdd.policy-domain@submitter</c>
    /// (project decision 30), for example <c>20240501.example.com@sender.example</c>, so that it can
    /// stand in a Subject's <c>Report-ID: &lt;...&gt;</c>. One submitter sends one report per
    /// Policy Domain per day, so the id is unique for it, and a retried report keeps its id.
    /// </summary>
    /// <param name="key">The day and the Policy Domain.</param>
    /// <param name="submitterDomain">The domain of the <c>contact-info</c>.</param>
    /// <returns>The report id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="submitterDomain"/> is null.</exception>
    public static string CreateReportId(TlsReportKey key, string submitterDomain)
    {
        ArgumentNullException.ThrowIfNull(key.PolicyDomain, nameof(key));
        ArgumentNullException.ThrowIfNull(submitterDomain);

        return key.Day.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "." + key.PolicyDomain.Name + "@"
            + submitterDomain;
    }

    /// <summary>The domain of a contact address in normal form, or <see langword="null"/> when it is not an address.</summary>
    /// <summary>The domain of a <c>contact-info</c> that is one plain address (<see cref="AddrSpec"/>); otherwise null.</summary>
    internal static string? SubmitterDomainOf(string contactInfo) =>
        AddrSpec.TryGetDomain(contactInfo, out string? domain) ? domain : null;

    /// <inheritdoc/>
    public override string ToString() => $"{ReportId} ({Policies.Count} policies)";
}
