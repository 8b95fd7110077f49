using System;
using System.Globalization;
using System.Text.Json;
using MtaSts.Client.Decision;
using MtaSts.Client.MailKit;

namespace MtaSts.Cli;

/// <summary>
/// The <c>mx</c> array and the <c>mx_lookup</c> object of <c>mtasts check --json</c>. Their field
/// names are a contract with scripts: fields may be added, never renamed or removed.
/// </summary>
internal static class MxJsonOutput
{
    /// <summary>Writes <c>"mx": [...]</c>, one object per MX host probed, by preference.</summary>
    /// <param name="writer">The writer, inside the report object.</param>
    /// <param name="mx">What the probe found; <see langword="null"/> writes an empty array.</param>
    public static void WriteHosts(Utf8JsonWriter writer, MxCheckResult? mx)
    {
        writer.WriteStartArray("mx");
        foreach (MxHostCheck host in mx?.Hosts ?? [])
        {
            WriteHost(writer, host);
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Writes <c>"mx_lookup": {"outcome", "implicit", "hosts", "omitted", "message"}</c>, or
    /// <c>null</c> when the probe was skipped.
    /// </summary>
    /// <param name="writer">The writer, inside the report object.</param>
    /// <param name="mx">What the probe found, or <see langword="null"/>.</param>
    public static void WriteLookup(Utf8JsonWriter writer, MxCheckResult? mx)
    {
        if (mx is null)
        {
            writer.WriteNull("mx_lookup");
            return;
        }

        writer.WriteStartObject("mx_lookup");
        writer.WriteString("outcome", mx.OutcomeName);
        writer.WriteBoolean("implicit", mx.IsImplicit);
        writer.WriteNumber("hosts", mx.Lookup.Hosts.Count);
        writer.WriteNumber("omitted", mx.Omitted);
        writer.WriteString("message", mx.Lookup.Reason);
        writer.WriteEndObject();
    }

    /// <summary>Writes a moment as RFC 3339 in UTC, to the second: <c>2025-01-31T23:59:59Z</c>.</summary>
    /// <param name="moment">The moment.</param>
    /// <returns>The text.</returns>
    public static string FormatDate(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void WriteHost(Utf8JsonWriter writer, MxHostCheck host)
    {
        MxDecision? decision = host.Decision;
        writer.WriteStartObject();
        writer.WriteString("host", host.Host);
        writer.WriteNumber("preference", host.Record.Preference);
        if (host.MatchesPolicy is bool matches)
        {
            writer.WriteBoolean("matches_policy", matches);
        }
        else
        {
            writer.WriteNull("matches_policy");
        }

        writer.WriteBoolean("starttls", host.StartTlsOffered);
        WriteCertificate(writer, host.Certificate);
        writer.WriteString("decision", CheckReport.ToDecisionName(host));
        writer.WriteString("result_type", decision?.ResultType);
        writer.WriteString("reason", decision?.Reason ?? host.Problem);
        writer.WriteString("reason_code", decision?.ReasonCode);
        writer.WriteBoolean("implicit", host.Record.IsImplicit);
        writer.WriteString("address", host.Probe?.ConnectedAddress?.ToString());
        writer.WriteString("helo", host.HeloName);
        writer.WriteEndObject();
    }

    private static void WriteCertificate(Utf8JsonWriter writer, MxProbeCertificate? certificate)
    {
        if (certificate is null)
        {
            writer.WriteNull("certificate");
            return;
        }

        writer.WriteStartObject("certificate");
        writer.WriteString("subject", certificate.Subject);
        writer.WriteStartArray("san_dns");
        foreach (string name in certificate.DnsNames)
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
        writer.WriteString("issuer", certificate.Issuer);
        writer.WriteString("not_before", FormatDate(certificate.NotBefore));
        writer.WriteString("not_after", FormatDate(certificate.NotAfter));
        writer.WriteString("sha256", certificate.Sha256Fingerprint);
        writer.WriteEndObject();
    }
}
