using Microsoft.Extensions.Logging;

namespace MtaSts.Client.MailKit;

/// <summary>What the report mailer logs, with stable event ids.</summary>
public sealed partial class TlsReportMailer
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 141, Level = LogLevel.Warning,
            Message = "TLS reports of {SubmitterDomain} are mailed without a DKIM signature; receivers ignore "
                + "unsigned reports (RFC 8460 §3). Set a DKIM key in the report mail options.")]
        public static partial void Unsigned(ILogger logger, string submitterDomain);

        [LoggerMessage(EventId = 142, Level = LogLevel.Debug,
            Message = "TLS report {ReportId} mailed to {Recipient}: {Outcome}: {Reason}")]
        public static partial void Mailed(
            ILogger logger, string reportId, string recipient, DeliveryOutcome outcome, string reason);
    }
}
