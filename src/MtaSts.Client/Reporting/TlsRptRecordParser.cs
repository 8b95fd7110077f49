using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Reporting;

/// <summary>
/// Reads <c>_smtp._tls</c> TXT records (RFC 8460 §3). Never throws on any input: every outcome,
/// including "no record" and "several records", is a <see cref="TlsRptRecordParseResult"/>.
/// </summary>
/// <remarks>
/// The framing follows the <c>_mta-sts</c> record: a record takes part when it begins with
/// <c>v=TLSRPTv1</c>, optional white space, then <c>;</c> (the delimiter grammar allows white space
/// before the <c>;</c>, so one rule serves a lone record and a record among others). A malformed
/// or unsupported <c>rua</c> URI is skipped with a warning and never costs the others; a second
/// <c>rua</c> field adds its destinations (RFC 8460 is silent on repeats).
/// </remarks>
public static class TlsRptRecordParser
{
    /// <summary>How many destinations are kept; a record naming more cannot make a sender post to all of them.</summary>
    public const int MaxDestinations = 10;

    private const string Version = "v=TLSRPTv1";
    private const string RuaName = "rua";

    private static readonly TxtRecordFraming.FieldCodes s_codes =
        new(TlsRptDiagnosticCodes.RecordEmptyField, TlsRptDiagnosticCodes.RecordTrailingWhitespace);

    /// <summary>
    /// Picks the TLSRPT record out of every TXT record found at <c>_smtp._tls.&lt;domain&gt;</c> and reads it.
    /// </summary>
    /// <param name="records">
    /// The TXT records, each as its list of character-strings; the strings of one record are joined
    /// with nothing between them (RFC 8460 §3).
    /// </param>
    /// <param name="profile">How strictly to read the record.</param>
    /// <returns>
    /// <see cref="TlsRptRecordOutcome.NotFound"/> when no record begins with <c>v=TLSRPTv1;</c>,
    /// <see cref="TlsRptRecordOutcome.Multiple"/> when several do, otherwise the outcome of reading that one record.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="profile"/> is not a defined profile.</exception>
    public static TlsRptRecordParseResult Select(
        IEnumerable<IEnumerable<string>> records,
        ParsingProfile profile = ParsingProfile.Sender)
    {
        ArgumentNullException.ThrowIfNull(records);
        ProfileCheck.ThrowIfUndefined(profile);

        string? candidate = TxtRecordFraming.FindCandidate(records, Version, out int count);
        if (candidate is null)
        {
            return Failure(profile, TlsRptRecordOutcome.NotFound, TlsRptDiagnosticCodes.RecordNotFound,
                "No TXT record begins with 'v=TLSRPTv1;', so the domain does not take TLS reports.");
        }

        if (count > 1)
        {
            return Failure(profile, TlsRptRecordOutcome.Multiple, TlsRptDiagnosticCodes.RecordMultiple,
                Invariant($"{count} TXT records begin with 'v=TLSRPTv1;'; exactly one is allowed, so none is used."));
        }

        return ParseCandidate(candidate, profile);
    }

    /// <summary>Reads one TXT record value.</summary>
    /// <param name="value">The record, its character-strings already joined without separators.</param>
    /// <param name="profile">How strictly to read the record.</param>
    /// <returns>The outcome; <see cref="TlsRptRecordOutcome.NotFound"/> when the value is not a TLSRPT record at all.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="profile"/> is not a defined profile.</exception>
    public static TlsRptRecordParseResult Parse(string value, ParsingProfile profile = ParsingProfile.Sender)
    {
        ArgumentNullException.ThrowIfNull(value);
        ProfileCheck.ThrowIfUndefined(profile);

        if (IsCandidate(value))
        {
            return ParseCandidate(value, profile);
        }

        if (value.AsSpan().TrimEnd(" \t").SequenceEqual(Version))
        {
            return Failure(profile, TlsRptRecordOutcome.Invalid, TlsRptDiagnosticCodes.RecordMissingRua,
                "The record has no 'rua' field, so there is nowhere to send reports.");
        }

        return Failure(profile, TlsRptRecordOutcome.NotFound, TlsRptDiagnosticCodes.RecordNotTlsRpt,
            "The record must begin with 'v=TLSRPTv1' followed by ';' (case-sensitive, no leading space).");
    }

    internal static bool IsCandidate(ReadOnlySpan<char> text) => TxtRecordFraming.IsCandidate(text, Version);

    private static TlsRptRecordParseResult ParseCandidate(string text, ParsingProfile profile)
    {
        bool strict = profile == ParsingProfile.Strict;
        var diagnostics = new DiagnosticList();
        var fields = new FieldState();

        TxtRecordFraming.ReadFields(text, Version, s_codes, strict, ReadField, ref fields, ref diagnostics);

        if (!fields.RuaSeen)
        {
            diagnostics.Error(TlsRptDiagnosticCodes.RecordMissingRua,
                "The record has no 'rua' field, so there is nowhere to send reports.");
        }
        else if (fields.Destinations.Count == 0 && !diagnostics.HasErrors)
        {
            diagnostics.Error(TlsRptDiagnosticCodes.RuaNoDestination,
                "No 'rua' entry is a usable mailto: or https: URI, so no report can be sent.");
        }

        if (diagnostics.HasErrors)
        {
            return new TlsRptRecordParseResult(profile, TlsRptRecordOutcome.Invalid, null, diagnostics.ToList());
        }

        IReadOnlyList<ExtensionField> extensions = fields.Extensions is null
            ? Array.Empty<ExtensionField>()
            : fields.Extensions;
        var record = new TlsRptRecord(fields.Destinations.ToArray(), extensions);
        return new TlsRptRecordParseResult(profile, TlsRptRecordOutcome.Found, record, diagnostics.ToList());
    }

    private static void ReadField(ReadOnlySpan<char> field, ref FieldState fields, ref DiagnosticList diagnostics)
    {
        if (!Ascii.IsValid(field))
        {
            diagnostics.Error(TlsRptDiagnosticCodes.RecordNonAscii,
                $"The field '{Printable.Of(field)}' has characters outside US-ASCII, which records may not contain.");

            // The field is there, only broken: saying it is missing as well would mislead.
            fields.RuaSeen |= field.StartsWith("rua=", StringComparison.Ordinal);
            return;
        }

        int equals = field.IndexOf('=');
        if (equals < 0 || !FieldSyntax.IsFieldName(field[..equals]))
        {
            diagnostics.Error(TlsRptDiagnosticCodes.RecordInvalidField,
                $"The field '{Printable.Of(field)}' is not 'name=value' with a name of 1 to 32 letters, digits, '_', '-' "
                + "or '.', starting with a letter or digit.");
            return;
        }

        ReadOnlySpan<char> name = field[..equals];
        ReadOnlySpan<char> value = field[(equals + 1)..];
        if (name.SequenceEqual(RuaName))
        {
            ReadRua(value, ref fields, ref diagnostics);
            return;
        }

        if (!TxtRecordFraming.IsExtensionValue(value))
        {
            diagnostics.Error(TlsRptDiagnosticCodes.RecordInvalidField,
                $"The field '{Printable.Of(name)}' needs a value of printable characters other than '=' and ';'.");
            return;
        }

        (fields.Extensions ??= new List<ExtensionField>()).Add(new ExtensionField(name.ToString(), value.ToString()));
    }

    private static void ReadRua(ReadOnlySpan<char> value, ref FieldState fields, ref DiagnosticList diagnostics)
    {
        if (value.Trim(" \t").IsEmpty)
        {
            diagnostics.Error(TlsRptDiagnosticCodes.RecordInvalidField, "The 'rua' field needs at least one URI.");
            return;
        }

        if (fields.RuaSeen)
        {
            diagnostics.Warning(TlsRptDiagnosticCodes.RecordDuplicateRua,
                "A second 'rua' field; its destinations are added to those of the first.");
        }

        fields.RuaSeen = true;
        while (true)
        {
            int comma = value.IndexOf(',');
            ReadOnlySpan<char> entry = (comma < 0 ? value : value[..comma]).Trim(" \t");
            ReadUri(entry, ref fields, ref diagnostics);
            if (comma < 0)
            {
                return;
            }

            value = value[(comma + 1)..];
        }
    }

    private static void ReadUri(ReadOnlySpan<char> entry, ref FieldState fields, ref DiagnosticList diagnostics)
    {
        if (!ReportUri.TryCreate(entry, out ReportDestination? destination, out string? problem, out bool unsupported))
        {
            if (unsupported)
            {
                diagnostics.Warning(TlsRptDiagnosticCodes.RuaUnsupportedScheme,
                    $"'{Printable.Of(entry)}' is ignored: only mailto: and https: destinations are supported.");
            }
            else
            {
                diagnostics.Warning(TlsRptDiagnosticCodes.RuaInvalidUri,
                    $"'{Printable.Of(entry)}' is skipped: {problem}");
            }

            return;
        }

        if (fields.Destinations.Contains(destination))
        {
            return;
        }

        if (fields.Destinations.Count == MaxDestinations)
        {
            diagnostics.Warning(TlsRptDiagnosticCodes.RuaInvalidUri, Invariant(
                $"'{Printable.Of(entry)}' is skipped: no more than {MaxDestinations} destinations are used."));
            return;
        }

        fields.Destinations.Add(destination);
    }

    private static TlsRptRecordParseResult Failure(
        ParsingProfile profile,
        TlsRptRecordOutcome outcome,
        string code,
        string message)
    {
        var diagnostics = new DiagnosticList();
        diagnostics.Error(code, message);
        return new TlsRptRecordParseResult(profile, outcome, null, diagnostics.ToList());
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private struct FieldState
    {
        public bool RuaSeen;
        public List<ExtensionField>? Extensions;
        private List<ReportDestination>? _destinations;

        public List<ReportDestination> Destinations => _destinations ??= new List<ReportDestination>();
    }
}
