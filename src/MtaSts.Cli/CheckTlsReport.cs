using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using MtaSts.Client.Decision;
using MtaSts.Client.Policies;
using MtaSts.Client.Reporting;

namespace MtaSts.Cli;

/// <summary>
/// The RFC 8460 report that the sessions of one <c>mtasts check</c> would produce, built by the
/// library's reporting layer exactly as a sender's reports are.
/// </summary>
internal static class CheckTlsReport
{
    /// <summary>The <c>organization-name</c> when <c>--report-org</c> is not given.</summary>
    public const string DefaultOrganization = "mtasts";

    /// <summary>
    /// The <c>contact-info</c> when <c>--report-contact</c> is not given: under the reserved
    /// <c>.invalid</c> top-level domain (RFC 2606), so a report nobody filled in cannot pass for a real one.
    /// </summary>
    public const string DefaultContact = "postmaster@mtasts.invalid";

    /// <summary>Builds the report: one Policy Domain, the UTC day of <paramref name="now"/>.</summary>
    /// <param name="report">What the check found.</param>
    /// <param name="organization">The <c>organization-name</c>.</param>
    /// <param name="contact">The <c>contact-info</c>, an address whose domain is the submitter's.</param>
    /// <param name="now">When the check ran; every session counts on this day.</param>
    /// <returns>The report; its <c>policies</c> are empty when the check made no reportable session.</returns>
    public static TlsReport Build(CheckReport report, string organization, string contact, DateTimeOffset now)
    {
        var store = new MemoryTlsReportStore();
        var recorder = new TlsReportRecorder(store, new FixedTimeProvider(now));
        int sessions = 0;
        foreach (MxHostCheck host in report.Mx?.Hosts ?? [])
        {
            // An MX host that could not be reached had no session to report (RFC 8460 §4.3.4).
            if (host.Decision is MxDecision decision)
            {
                recorder.Record(SessionResult.FromDecision(report.Resolution, decision, host.Host,
                    receivingMxHelo: host.HeloName, receivingIp: host.Probe?.ConnectedAddress));
                sessions++;
            }
        }

        // Each MX session above carries the failed fetch already; without one the failure is
        // still reported once (RFC 8461 §6), as a sender that reached no MX host would.
        if (sessions == 0 && SessionResult.FromResolution(report.Resolution) is { IsSuccess: false } fetch)
        {
            recorder.Record(fetch);
        }

        TlsReportKey key = TlsReportKey.At(now, report.Domain);
        return TlsReport.ForDay(key, organization, contact, store.Find(key) ?? []);
    }

    /// <summary>Tells whether a <c>--report-contact</c> value can be a report's <c>contact-info</c>.</summary>
    /// <param name="contact">The value.</param>
    /// <returns>
    /// <see langword="true"/> for <c>local-part@domain</c> in printable ASCII without spaces, whose
    /// domain could be a Policy Domain.
    /// </returns>
    public static bool IsContact(string contact) => TlsReport.SubmitterDomainOf(contact) is not null;

    /// <summary>Writes the report's JSON to a file, or says on one line why it cannot.</summary>
    /// <param name="path">The file name as given.</param>
    /// <param name="json">The bytes <see cref="TlsReportWriter.ToJson"/> made.</param>
    /// <param name="error">Where the problem is reported.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when the file was written.</returns>
    public static async Task<bool> TryWriteAsync(
        string path,
        byte[] json,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        try
        {
            await File.WriteAllBytesAsync(path, json, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (BoundedRead.IsReadFailure(exception) || exception is ArgumentException)
        {
            string reason = exception switch
            {
                DirectoryNotFoundException => "no such directory.",
                UnauthorizedAccessException when Directory.Exists(path) => "it is a directory.",
                _ => exception.Message.ReplaceLineEndings(" "),
            };
            await error.WriteLineAsync($"mtasts: cannot write the report to '{path}': {reason}")
                .ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>A clock that stands still, so every session of the check counts on one day.</summary>
    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
