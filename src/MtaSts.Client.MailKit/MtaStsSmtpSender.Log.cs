using Microsoft.Extensions.Logging;
using MtaSts.Client.Policies;

namespace MtaSts.Client.MailKit;

/// <summary>What the sender logs, with stable event ids.</summary>
public sealed partial class MtaStsSmtpSender
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 101, Level = LogLevel.Warning,
            Message = "MX host {MxHost} of {RecipientDomain} refused under the MTA-STS policy: "
                + "{ResultType} ({ReasonCode}): {Reason}")]
        public static partial void MxRefused(
            ILogger logger,
            PolicyDomain recipientDomain,
            string mxHost,
            string? resultType,
            string? reasonCode,
            string? reason);

        [LoggerMessage(EventId = 102, Level = LogLevel.Debug,
            Message = "MX host {MxHost} of {RecipientDomain} not used: {Outcome}: {Error}")]
        public static partial void MxNotUsed(
            ILogger logger, PolicyDomain recipientDomain, string mxHost, MxAttemptOutcome outcome, string? error);

        [LoggerMessage(EventId = 103, Level = LogLevel.Debug,
            Message = "Delivered to {MxHost} for {RecipientDomain} (TLS: {IsSecure})")]
        public static partial void Delivered(
            ILogger logger, PolicyDomain recipientDomain, string mxHost, bool isSecure);

        [LoggerMessage(EventId = 104, Level = LogLevel.Warning,
            Message = "Delivered to {MxHost} for {RecipientDomain} although it failed the MTA-STS policy: "
                + "{ResultType} ({ReasonCode}): {Reason}")]
        public static partial void DeliveredDespiteFailure(
            ILogger logger,
            PolicyDomain recipientDomain,
            string mxHost,
            string resultType,
            string? reasonCode,
            string reason);

        [LoggerMessage(EventId = 105, Level = LogLevel.Warning,
            Message = "Delivery to {RecipientDomain} deferred ({EnhancedStatusCode}): {Reason}")]
        public static partial void Deferred(
            ILogger logger, PolicyDomain recipientDomain, string enhancedStatusCode, string reason);

        [LoggerMessage(EventId = 106, Level = LogLevel.Debug,
            Message = "Policy of {PolicyDomain} re-checked before a permanent failure: "
                + "changed {HasChanged}, now id {PolicyId}")]
        public static partial void Rechecked(
            ILogger logger, PolicyDomain policyDomain, bool hasChanged, string? policyId);
    }
}
