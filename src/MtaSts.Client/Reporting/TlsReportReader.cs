using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Reporting;

/// <summary>
/// Reads TLS reports (RFC 8460 §4), as a report receiver does. Never throws on any input: a report
/// from a peer is untrusted, so every problem is a diagnostic, and a gzip body may expand only to a
/// limit. Unknown fields are ignored; <c>mx-host</c> and <c>policy-string</c> are accepted as a
/// single string as well as an array, since the RFC's own example writes <c>mx-host</c> so.
/// </summary>
public static class TlsReportReader
{
    /// <summary>The largest report <see cref="ReadGzip"/> expands by default: 16 MiB.</summary>
    public const int DefaultMaxLength = 16 * 1024 * 1024;

    private static readonly JsonDocumentOptions s_options = new() { MaxDepth = 16 };

    /// <summary>Reads a report from UTF-8 JSON.</summary>
    /// <param name="json">The JSON document.</param>
    /// <returns>The report, or the problems that make the input not one.</returns>
    public static TlsReportReadResult Read(ReadOnlySpan<byte> json)
    {
        var reader = new ReportElementReader();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), s_options);
        }
        catch (JsonException e)
        {
            reader.Error(TlsRptDiagnosticCodes.ReportInvalidJson, $"The report is not valid JSON: {e.Message}");
            return reader.Result(null);
        }

        using (document)
        {
            return reader.Result(reader.ReadReport(document.RootElement));
        }
    }

    /// <summary>Reads a gzip-compressed report (<c>application/tlsrpt+gzip</c>).</summary>
    /// <param name="gzip">The compressed bytes.</param>
    /// <param name="maxLength">The most bytes the report may expand to.</param>
    /// <returns>The report, or the problems that make the input not one.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is not positive.</exception>
    public static TlsReportReadResult ReadGzip(ReadOnlySpan<byte> gzip, int maxLength = DefaultMaxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLength);

        byte[] json;
        try
        {
            json = Decompress(gzip.ToArray(), maxLength);
        }
        catch (InvalidDataException e)
        {
            var reader = new ReportElementReader();
            reader.Error(TlsRptDiagnosticCodes.ReportInvalidGzip, $"The report is not valid gzip: {e.Message}");
            return reader.Result(null);
        }

        if (json.Length > maxLength)
        {
            var reader = new ReportElementReader();
            reader.Error(TlsRptDiagnosticCodes.ReportInvalidGzip,
                string.Create(CultureInfo.InvariantCulture, $"The report expands past {maxLength} bytes."));
            return reader.Result(null);
        }

        return Read(json);
    }

    /// <summary>Reads a <c>policies</c> array, as the report store keeps its counts.</summary>
    internal static List<PolicyResults>? ReadPolicies(JsonElement container, out IReadOnlyList<ParseDiagnostic> diagnostics)
    {
        var reader = new ReportElementReader();
        List<PolicyResults>? policies = reader.ReadPolicies(container);
        diagnostics = reader.Result(null).Diagnostics;
        return policies;
    }

    private static byte[] Decompress(byte[] gzip, int maxLength)
    {
        using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var output = new MemoryStream();
        byte[] buffer = new byte[81920];
        int read;
        while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, read);
            if (output.Length > maxLength)
            {
                break;
            }
        }

        return output.ToArray();
    }

    internal static bool TryParseDate(string? text, out DateTimeOffset value)
    {
        value = default;

        // RFC 3339 §5.6: a full date, 'T', a time, then 'Z' or an offset; nothing looser.
        if (text is null || text.Length < 20 || (text[10] != 'T' && text[10] != 't'))
        {
            return false;
        }

        char last = text[^1];
        bool zoned = last is 'Z' or 'z' || (text.Length >= 25 && text[^3] == ':' && text[^6] is '+' or '-');
        return zoned && DateTimeOffset.TryParse(
            text.ToUpperInvariant(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value);
    }

    internal static bool TryParseAddress(string? text, out IPAddress? address)
    {
        address = null;
        if (text is null)
        {
            return true;
        }

        // IPAddress.TryParse also takes forms such as "1" or "0x7f.1"; a report writes dotted quads or IPv6.
        return (text.Contains(':') || (text.Split('.').Length == 4 && !text.Contains('x', StringComparison.OrdinalIgnoreCase)))
            && IPAddress.TryParse(text, out address);
    }
}
