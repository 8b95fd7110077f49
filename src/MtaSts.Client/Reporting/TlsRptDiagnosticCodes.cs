namespace MtaSts.Client.Reporting;

/// <summary>
/// The stable codes of the diagnostics about <c>_smtp._tls</c> records and TLS reports. Codes are
/// part of the public contract: new codes may be added, existing ones are never renamed.
/// </summary>
public static class TlsRptDiagnosticCodes
{
    /// <summary>No TXT record begins with <c>v=TLSRPTv1;</c>.</summary>
    public const string RecordNotFound = "tlsrpt-record-not-found";

    /// <summary>More than one TXT record begins with <c>v=TLSRPTv1;</c> (RFC 8460 §3).</summary>
    public const string RecordMultiple = "tlsrpt-record-multiple";

    /// <summary>The value does not begin with <c>v=TLSRPTv1</c> followed by <c>;</c>.</summary>
    public const string RecordNotTlsRpt = "tlsrpt-record-not-tlsrpt";

    /// <summary>The record contains characters outside printable US-ASCII.</summary>
    public const string RecordNonAscii = "tlsrpt-record-non-ascii";

    /// <summary>Two <c>;</c> delimiters with no field between them.</summary>
    public const string RecordEmptyField = "tlsrpt-record-empty-field";

    /// <summary>A field is not <c>name=value</c> with a valid name and value.</summary>
    public const string RecordInvalidField = "tlsrpt-record-invalid-field";

    /// <summary>The record has no <c>rua</c> field.</summary>
    public const string RecordMissingRua = "tlsrpt-record-missing-rua";

    /// <summary>A second <c>rua</c> field; its destinations are added to those of the first.</summary>
    public const string RecordDuplicateRua = "tlsrpt-record-duplicate-rua";

    /// <summary>White space after the last field without a closing <c>;</c>.</summary>
    public const string RecordTrailingWhitespace = "tlsrpt-record-trailing-whitespace";

    /// <summary>A <c>rua</c> entry is not a valid URI, or not a usable one of its scheme; it is skipped.</summary>
    public const string RuaInvalidUri = "tlsrpt-rua-invalid-uri";

    /// <summary>A <c>rua</c> URI has a scheme other than <c>mailto</c> or <c>https</c>; it is ignored.</summary>
    public const string RuaUnsupportedScheme = "tlsrpt-rua-unsupported-scheme";

    /// <summary>No <c>rua</c> entry is a usable <c>mailto</c> or <c>https</c> URI, so no report can be sent.</summary>
    public const string RuaNoDestination = "tlsrpt-rua-no-destination";

    /// <summary>A report is not valid JSON, or its top level is not an object.</summary>
    public const string ReportInvalidJson = "tlsrpt-report-invalid-json";

    /// <summary>A required field of a report is missing.</summary>
    public const string ReportMissingField = "tlsrpt-report-missing-field";

    /// <summary>A field of a report has the wrong JSON type or an invalid value.</summary>
    public const string ReportInvalidField = "tlsrpt-report-invalid-field";

    /// <summary>A compressed report is not valid gzip, or expands past the size limit.</summary>
    public const string ReportInvalidGzip = "tlsrpt-report-invalid-gzip";
}
