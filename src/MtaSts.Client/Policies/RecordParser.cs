using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;

namespace MtaSts.Client.Policies;

/// <summary>
/// Reads <c>_mta-sts</c> TXT records (RFC 8461 §3.1). Never throws on any input: every outcome,
/// including "no record" and "several records", is a <see cref="RecordParseResult"/>.
/// </summary>
public static class RecordParser
{
    private const string Version = "v=STSv1";
    private const int MaxIdLength = 32;

    private static readonly TxtRecordFraming.FieldCodes s_codes =
        new(DiagnosticCodes.RecordEmptyField, DiagnosticCodes.RecordTrailingWhitespace);

    private static readonly SearchValues<char> s_alphanumerics =
        SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>
    /// Picks the MTA-STS record out of every TXT record found at <c>_mta-sts.&lt;domain&gt;</c>
    /// and reads it.
    /// </summary>
    /// <param name="records">
    /// The TXT records, each as its list of character-strings; the strings of one record are joined
    /// with nothing between them.
    /// </param>
    /// <param name="profile">How strictly to read the record.</param>
    /// <returns>
    /// <see cref="RecordOutcome.NotFound"/> when no record begins with <c>v=STSv1;</c>,
    /// <see cref="RecordOutcome.Multiple"/> when several do (even if only one is valid),
    /// otherwise the outcome of reading that one record.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="profile"/> is not a defined profile.</exception>
    public static RecordParseResult Select(
        IEnumerable<IEnumerable<string>> records,
        ParsingProfile profile = ParsingProfile.Sender)
    {
        ArgumentNullException.ThrowIfNull(records);
        ProfileCheck.ThrowIfUndefined(profile);

        string? candidate = TxtRecordFraming.FindCandidate(records, Version, out int count);
        if (candidate is null)
        {
            return Failure(profile, RecordOutcome.NotFound, DiagnosticCodes.RecordNotFound,
                "No TXT record begins with 'v=STSv1;', so the domain has no MTA-STS policy.");
        }

        if (count > 1)
        {
            return Failure(profile, RecordOutcome.Multiple, DiagnosticCodes.RecordMultiple,
                $"{count} TXT records begin with 'v=STSv1;'; exactly one is allowed, so none is used.");
        }

        return ParseCandidate(candidate, profile);
    }

    /// <summary>Reads one TXT record value.</summary>
    /// <param name="value">The record, its character-strings already joined without separators.</param>
    /// <param name="profile">How strictly to read the record.</param>
    /// <returns>The outcome; <see cref="RecordOutcome.NotFound"/> when the value is not an MTA-STS record at all.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="profile"/> is not a defined profile.</exception>
    public static RecordParseResult Parse(string value, ParsingProfile profile = ParsingProfile.Sender)
    {
        ArgumentNullException.ThrowIfNull(value);
        ProfileCheck.ThrowIfUndefined(profile);

        if (!IsCandidate(value))
        {
            return Failure(profile, RecordOutcome.NotFound, DiagnosticCodes.RecordNotSts,
                "The record must begin with 'v=STSv1' followed by ';' (case-sensitive, no leading space).");
        }

        return ParseCandidate(value, profile);
    }

    internal static bool IsCandidate(ReadOnlySpan<char> text) => TxtRecordFraming.IsCandidate(text, Version);

    private static RecordParseResult ParseCandidate(string text, ParsingProfile profile)
    {
        bool strict = profile == ParsingProfile.Strict;
        var diagnostics = new DiagnosticList();
        var fields = new FieldState();

        TxtRecordFraming.ReadFields(text, Version, s_codes, strict, ReadField, ref fields, ref diagnostics);

        if (fields.Id is null && !fields.IdSeen)
        {
            string? lookalike = fields.Extensions?.Find(f => f.Name.Equals("id", StringComparison.OrdinalIgnoreCase))?.Name;
            diagnostics.Error(DiagnosticCodes.RecordMissingId, lookalike is null
                ? "The record has no 'id' field."
                : $"The record has no 'id' field; '{lookalike}' is not 'id', as field names are written exactly.");
        }

        if (diagnostics.HasErrors)
        {
            return new RecordParseResult(profile, RecordOutcome.Invalid, null, diagnostics.ToList());
        }

        IReadOnlyList<ExtensionField> extensions = fields.Extensions is null
            ? Array.Empty<ExtensionField>()
            : fields.Extensions;
        var record = new MtaStsRecord(fields.Id!, extensions);
        return new RecordParseResult(profile, RecordOutcome.Found, record, diagnostics.ToList());
    }

    private static void ReadField(ReadOnlySpan<char> field, ref FieldState fields, ref DiagnosticList diagnostics)
    {
        if (!Ascii.IsValid(field))
        {
            diagnostics.Error(DiagnosticCodes.RecordNonAscii,
                $"The field '{Printable.Of(field)}' has characters outside US-ASCII, which records may not contain.");

            // The field is there, only broken: saying it is missing as well would mislead.
            fields.IdSeen |= field.StartsWith("id=", StringComparison.Ordinal);
            return;
        }

        if (field.ContainsAny(' ', '\t'))
        {
            diagnostics.Error(DiagnosticCodes.RecordInvalidField,
                $"The field '{Printable.Of(field)}' contains white space; fields are 'name=value' with no spaces.");
            return;
        }

        int equals = field.IndexOf('=');
        if (equals < 0 || !FieldSyntax.IsFieldName(field[..equals]))
        {
            diagnostics.Error(DiagnosticCodes.RecordInvalidField,
                $"The field '{Printable.Of(field)}' is not 'name=value' with a name of 1 to 32 letters, digits, '_', '-' "
                + "or '.', starting with a letter or digit.");
            return;
        }

        ReadOnlySpan<char> name = field[..equals];
        ReadOnlySpan<char> value = field[(equals + 1)..];
        if (name.SequenceEqual("id"))
        {
            ReadId(value, ref fields, ref diagnostics);
            return;
        }

        if (!TxtRecordFraming.IsExtensionValue(value))
        {
            diagnostics.Error(DiagnosticCodes.RecordInvalidField,
                $"The field '{Printable.Of(name)}' needs a value of printable characters other than '=' and ';'.");
            return;
        }

        (fields.Extensions ??= new List<ExtensionField>()).Add(new ExtensionField(name.ToString(), value.ToString()));
    }

    private static void ReadId(ReadOnlySpan<char> value, ref FieldState fields, ref DiagnosticList diagnostics)
    {
        if (fields.IdSeen)
        {
            // RFC 8461 §3.2: a repeated field after the first is ignored, so a later id can never win.
            if (TxtRecordFraming.IsExtensionValue(value))
            {
                diagnostics.Warning(DiagnosticCodes.RecordDuplicateId,
                    $"A second 'id' ('{Printable.Of(value)}') is ignored; the first one counts.");
            }
            else
            {
                diagnostics.Error(DiagnosticCodes.RecordInvalidField, "A second 'id' field has no valid value.");
            }

            return;
        }

        fields.IdSeen = true;
        if (value.IsEmpty || value.Length > MaxIdLength || value.ContainsAnyExcept(s_alphanumerics))
        {
            diagnostics.Error(DiagnosticCodes.RecordInvalidId,
                $"The id '{Printable.Of(value)}' must be 1 to 32 letters and digits.");
            return;
        }

        fields.Id = value.ToString();
    }

    private static RecordParseResult Failure(ParsingProfile profile, RecordOutcome outcome, string code, string message)
    {
        var diagnostics = new DiagnosticList();
        diagnostics.Error(code, message);
        return new RecordParseResult(profile, outcome, null, diagnostics.ToList());
    }

    private struct FieldState
    {
        public string? Id;
        public bool IdSeen;
        public List<ExtensionField>? Extensions;
    }
}
