using System;
using System.Net;

namespace MtaSts.Client.Reporting;

/// <summary>What one attempt to deliver a report to one destination came to.</summary>
public sealed class ReportDeliveryResult
{
    private ReportDeliveryResult(bool isDelivered, string message, HttpStatusCode? statusCode)
    {
        IsDelivered = isDelivered;
        Message = message;
        StatusCode = statusCode;
    }

    /// <summary>Gets a value indicating whether the destination accepted the report.</summary>
    public bool IsDelivered { get; }

    /// <summary>Gets a sentence saying what happened, for logs.</summary>
    public string Message { get; }

    /// <summary>Gets the HTTP status of an HTTPS delivery, or <see langword="null"/>.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The destination accepted the report.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="statusCode">The HTTP status, for an HTTPS delivery.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    public static ReportDeliveryResult Delivered(string message, HttpStatusCode? statusCode = null)
    {
        ArgumentNullException.ThrowIfNull(message);

        return new ReportDeliveryResult(true, message, statusCode);
    }

    /// <summary>The delivery failed; it is tried again later.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="statusCode">The HTTP status, for an HTTPS delivery that got an answer.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    public static ReportDeliveryResult Failed(string message, HttpStatusCode? statusCode = null)
    {
        ArgumentNullException.ThrowIfNull(message);

        return new ReportDeliveryResult(false, message, statusCode);
    }

    /// <inheritdoc/>
    public override string ToString() => (IsDelivered ? "delivered: " : "failed: ") + Message;
}
