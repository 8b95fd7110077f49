using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text.Json;

namespace MtaSts.Client.Reporting;

/// <summary>
/// Writes TLS reports as RFC 8460 §4 JSON, with the key names of its schema (project decision 28):
/// <c>policies</c> and <c>policy-string</c> always arrays, <c>mx-host</c> an array, counts as JSON
/// numbers, dates in RFC 3339 with <c>Z</c>, addresses in their RFC 5952 text form.
/// </summary>
public static class TlsReportWriter
{
    private static readonly JsonWriterOptions s_options = new() { Indented = false };

    /// <summary>Writes a report as UTF-8 JSON.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The JSON document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static byte[] ToJson(TlsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            Write(writer, report);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes a report as gzip-compressed UTF-8 JSON, the form RFC 8460 §5.2 asks for.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The gzip stream's bytes (<c>application/tlsrpt+gzip</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static byte[] ToGzip(TlsReport report)
    {
        byte[] json = ToJson(report);
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(json);
        }

        return output.ToArray();
    }

    /// <summary>Writes a report as one JSON object.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(Utf8JsonWriter writer, TlsReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);

        writer.WriteStartObject();
        writer.WriteString("organization-name", report.OrganizationName);
        writer.WriteStartObject("date-range");
        writer.WriteString("start-datetime", FormatDate(report.StartDatetime));
        writer.WriteString("end-datetime", FormatDate(report.EndDatetime));
        writer.WriteEndObject();
        writer.WriteString("contact-info", report.ContactInfo);
        writer.WriteString("report-id", report.ReportId);
        WritePolicies(writer, report.Policies);
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>"policies": [...]</c>; the report store writes its counts the same way.</summary>
    internal static void WritePolicies(Utf8JsonWriter writer, IReadOnlyList<PolicyResults> policies)
    {
        writer.WriteStartArray("policies");
        foreach (PolicyResults results in policies)
        {
            writer.WriteStartObject();
            WritePolicy(writer, results.Policy);
            writer.WriteStartObject("summary");
            writer.WriteNumber("total-successful-session-count", results.SuccessfulSessionCount);
            writer.WriteNumber("total-failure-session-count", results.FailedSessionCount);
            writer.WriteEndObject();
            if (results.FailureDetails.Count > 0)
            {
                writer.WriteStartArray("failure-details");
                foreach (FailureDetailCount detail in results.FailureDetails)
                {
                    WriteFailureDetail(writer, detail);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    internal static string FormatDate(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void WritePolicy(Utf8JsonWriter writer, ReportPolicy policy)
    {
        writer.WriteStartObject("policy");
        writer.WriteString("policy-type", policy.PolicyType);
        WriteStrings(writer, "policy-string", policy.PolicyStrings);
        writer.WriteString("policy-domain", policy.PolicyDomain.Name);
        WriteStrings(writer, "mx-host", policy.MxHosts);
        writer.WriteEndObject();
    }

    private static void WriteFailureDetail(Utf8JsonWriter writer, FailureDetailCount count)
    {
        FailureDetail detail = count.Detail;
        writer.WriteStartObject();
        writer.WriteString("result-type", detail.ResultType);
        WriteOptional(writer, "sending-mta-ip", detail.SendingMtaIp?.ToString());
        WriteOptional(writer, "receiving-mx-hostname", detail.ReceivingMxHostname);
        WriteOptional(writer, "receiving-mx-helo", detail.ReceivingMxHelo);
        WriteOptional(writer, "receiving-ip", detail.ReceivingIp?.ToString());
        writer.WriteNumber("failed-session-count", count.FailedSessionCount);
        WriteOptional(writer, "additional-information", detail.AdditionalInformation?.AbsoluteUri);
        WriteOptional(writer, "failure-reason-code", detail.FailureReasonCode);
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (string value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
