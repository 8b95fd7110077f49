using System;
using System.Globalization;
using System.Linq;
using System.Text;
using MtaSts.Client.Reporting;

namespace MtaSts.Client.MailKit;

/// <summary>The first part of a report message: what the report says, for a person (RFC 8460 §5.3).</summary>
internal static class TlsReportSummary
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    public static string Write(TlsReportPayload payload)
    {
        TlsReport report = payload.Report;
        string domain = payload.PolicyDomain.Name;
        long successful = report.Policies.Sum(policy => policy.SuccessfulSessionCount);
        long failed = report.Policies.Sum(policy => policy.FailedSessionCount);
        string start = Format(report.StartDatetime);
        string end = Format(report.EndDatetime);
        var text = new StringBuilder();
        // Short lines, so that the part stays 7-bit text rather than quoted-printable.
        text.Append(s_invariant, $"SMTP TLS report (RFC 8460) from {report.OrganizationName}\n");
        text.Append(s_invariant, $"on the mail it sent to {domain}.\n\n");
        text.Append(s_invariant, $"Policy Domain: {domain}\n");
        text.Append(s_invariant, $"Period:        {start} to {end}\n");
        text.Append(s_invariant, $"Report-ID:     {report.ReportId}\n");
        text.Append(s_invariant, $"Sessions:      {successful} successful, {failed} failed\n");
        foreach (PolicyResults results in report.Policies)
        {
            ReportPolicy policy = results.Policy;
            text.Append(s_invariant, $"\nPolicy {policy.PolicyType} of {policy.PolicyDomain.Name}: ")
                .Append(s_invariant, $"{results.SuccessfulSessionCount} successful, ")
                .Append(s_invariant, $"{results.FailedSessionCount} failed\n");
            var byType = results.FailureDetails
                .GroupBy(detail => detail.Detail.ResultType, StringComparer.Ordinal)
                .Select(group => (ResultType: group.Key, Sessions: group.Sum(detail => detail.FailedSessionCount)))
                .OrderByDescending(type => type.Sessions)
                .ThenBy(type => type.ResultType, StringComparer.Ordinal);
            foreach ((string resultType, long sessions) in byType)
            {
                text.Append(s_invariant, $"  {resultType}: {sessions}\n");
            }
        }

        text.Append(s_invariant, $"\nAttached:      {payload.FileName}\n");
        text.Append(s_invariant, $"Contact:       {report.ContactInfo}\n");
        return text.ToString();
    }

    private static string Format(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", s_invariant);
}
