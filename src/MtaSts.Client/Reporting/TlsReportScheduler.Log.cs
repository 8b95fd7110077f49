using System;
using Microsoft.Extensions.Logging;

namespace MtaSts.Client.Reporting;

/// <summary>What the scheduler tells the operator.</summary>
public sealed partial class TlsReportScheduler
{
    private static partial class Log
    {
        [LoggerMessage(121, LogLevel.Debug, "Sent the TLS report of {PolicyDomain} for {Day} to {Destination}: {Message}")]
        public static partial void Delivered(
            ILogger logger, string policyDomain, DateOnly day, string destination, string message);

        [LoggerMessage(122, LogLevel.Warning,
            "Sending the TLS report of {PolicyDomain} for {Day} to {Destination} failed: {Message} Trying again at {RetryAt}.")]
        public static partial void DeliveryFailed(
            ILogger logger, string policyDomain, DateOnly day, string destination, string message, DateTimeOffset retryAt);

        [LoggerMessage(123, LogLevel.Warning,
            "Gave up sending the TLS report of {PolicyDomain} for {Day} to {Destination} after {Failures} failures: {Message}")]
        public static partial void DeliveryGivenUp(
            ILogger logger, string policyDomain, DateOnly day, string destination, string message, int failures);

        [LoggerMessage(124, LogLevel.Debug, "No TLS report is sent for {PolicyDomain} for {Day}: {Reason}")]
        public static partial void NoDestination(ILogger logger, string policyDomain, DateOnly day, string reason);

        [LoggerMessage(125, LogLevel.Warning,
            "Looking up where the TLS report of {PolicyDomain} for {Day} goes failed: {Reason} Trying again at {RetryAt}.")]
        public static partial void LookupFailed(
            ILogger logger, string policyDomain, DateOnly day, string reason, DateTimeOffset retryAt);

        [LoggerMessage(126, LogLevel.Warning,
            "Gave up looking up where the TLS report of {PolicyDomain} for {Day} goes: {Reason}")]
        public static partial void LookupGivenUp(ILogger logger, string policyDomain, DateOnly day, string reason);

        [LoggerMessage(127, LogLevel.Debug,
            "The TLS report of {PolicyDomain} goes to {Destination} by mail, but no mailer is registered; skipped.")]
        public static partial void NoMailer(ILogger logger, string policyDomain, string destination);

        [LoggerMessage(128, LogLevel.Debug,
            "Done with the TLS report of {PolicyDomain} for {Day}: {Delivered} of {Destinations} destinations accepted it.")]
        public static partial void ReportDone(ILogger logger, string policyDomain, DateOnly day, int delivered, int destinations);

        [LoggerMessage(129, LogLevel.Error, "A pass of the TLS report scheduler failed; the next pass tries again.")]
        public static partial void PassFailed(ILogger logger, Exception exception);
    }
}
