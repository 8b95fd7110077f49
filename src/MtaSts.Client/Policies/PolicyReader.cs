using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using System.Diagnostics.CodeAnalysis;

namespace MtaSts.Client.Policies;

/// <summary>The state of one policy parse: the fields found so far, line by line.</summary>
internal partial struct PolicyReader
{
    public DiagnosticList Diagnostics;
    private readonly ParsingProfile _profile;
    private readonly byte[] _body;
    private readonly bool _checkEachLine;
    private bool _versionSeen;
    private bool _versionValid;
    private bool _modeSeen;
    private PolicyMode? _mode;
    private bool _maxAgeSeen;
    private int? _maxAge;
    private MxPattern[]? _patterns;
    private int _patternCount;
    private FieldRange[]? _extensions;
    private int _extensionCount;

    public PolicyReader(ParsingProfile profile, byte[] body, bool checkEachLine)
    {
        _profile = profile;
        _body = body;
        _checkEachLine = checkEachLine;
    }

    public readonly bool Strict => _profile == ParsingProfile.Strict;

    public void ReadLine(int start, int length, int lineNumber, bool loneCarriageReturn)
    {
        ReadOnlySpan<byte> line = _body.AsSpan(start, length);
        if ((_checkEachLine || loneCarriageReturn) && IsUnclean(line, out string? problem, out string? code))
        {
            ReadUncleanLine(line, problem, code, lineNumber);
            return;
        }

        // A line that starts with a known key and its ':' needs no general key scan.
        if (line.StartsWith("mx:"u8))
        {
            int offset = 3 + CountWhitespace(line[3..]);
            ReadMx(start + offset, TrimmedLength(line[offset..]), lineNumber);
            return;
        }

        if (line.StartsWith("mode:"u8))
        {
            ReadMode(ValueAfter(line, 5), lineNumber);
            return;
        }

        if (line.StartsWith("max_age:"u8))
        {
            ReadMaxAge(ValueAfter(line, 8), lineNumber);
            return;
        }

        if (line.StartsWith("version:"u8))
        {
            ReadVersion(ValueAfter(line, 8), lineNumber);
            return;
        }

        int indent = CountWhitespace(line);
        if (indent == line.Length)
        {
            ReportBlankLines(lineNumber, 1);
            return;
        }

        if (indent > 0)
        {
            Diagnostics.Deviation(Strict, DiagnosticCodes.PolicyLeadingWhitespace,
                "The line starts with white space; a line must start with its key.", lineNumber);
        }

        if (!TryFindKey(line, indent, out int keyEnd, out int colon))
        {
            ReportNotAField(line[indent..], lineNumber);
            return;
        }

        ReadOnlySpan<byte> key = line[indent..keyEnd];
        if (colon > keyEnd)
        {
            ReportAbout(DeviationSeverity, DiagnosticCodes.PolicyWhitespaceBeforeColon,
                "White space between the key '{0}' and its ':'.", key, lineNumber);
        }

        int valueStart = colon + 1 + CountWhitespace(line[(colon + 1)..]);
        int valueLength = TrimmedLength(line[valueStart..]);

        ReadOnlySpan<byte> value = line.Slice(valueStart, valueLength);
        switch (key.Length)
        {
            case 2 when key[0] == 'm' && key[1] == 'x':
                ReadMx(start + valueStart, valueLength, lineNumber);
                return;
            case 4 when key.SequenceEqual("mode"u8):
                ReadMode(value, lineNumber);
                return;
            case 7 when key.SequenceEqual("max_age"u8):
                ReadMaxAge(value, lineNumber);
                return;
            case 7 when key.SequenceEqual("version"u8):
                ReadVersion(value, lineNumber);
                return;
            default:
                ReadExtension(start + indent, key.Length, start + valueStart, valueLength, lineNumber);
                return;
        }
    }

    /// <summary>
    /// A key of 1 to 32 field-name bytes starting with a letter or digit, then optional white
    /// space and ':'; the key scan stops at the first byte a field name cannot hold.
    /// </summary>
    private static bool TryFindKey(ReadOnlySpan<byte> line, int indent, out int keyEnd, out int colon)
    {
        int keyScan = Math.Min(line.Length - indent, FieldSyntax.MaxFieldNameLength + 1);
        keyEnd = indent + NameCharacters.CountLeading(line.Slice(indent, keyScan), NameCharacters.FieldName);
        colon = keyEnd + CountWhitespace(line[keyEnd..]);
        int keyLength = keyEnd - indent;
        return colon < line.Length
            && line[colon] == ':'
            && keyLength is > 0 and <= FieldSyntax.MaxFieldNameLength
            && char.IsAsciiLetterOrDigit((char)line[indent]);
    }

    /// <summary>Whether the line holds a control character or is not valid UTF-8, and which.</summary>
    private static bool IsUnclean(
        ReadOnlySpan<byte> line,
        [NotNullWhen(true)] out string? problem,
        [NotNullWhen(true)] out string? code)
    {
        int control = PolicyParser.IndexOfControlByte(line);
        if (control >= 0)
        {
            problem = line[control] == '\r'
                ? "a carriage return (CR) that is not followed by a line feed; lines end with LF or CR LF"
                : string.Create(CultureInfo.InvariantCulture, $"the control character U+{line[control]:X4}");
            code = DiagnosticCodes.PolicyControlCharacter;
            return true;
        }

        if (!Utf8.IsValid(line))
        {
            problem = "bytes that are not valid UTF-8";
            code = DiagnosticCodes.PolicyInvalidUtf8;
            return true;
        }

        problem = code = null;
        return false;
    }

    /// <summary>
    /// A line with a control character or invalid UTF-8. In a field it is an invalid value, which
    /// makes the policy invalid; it still counts as that field's occurrence, so the diagnostics name
    /// the bad value rather than a missing field. A line that is no field at all is ignored like any
    /// other such line: a warning in the sender profile.
    /// </summary>
    private void ReadUncleanLine(ReadOnlySpan<byte> line, string problem, string code, int lineNumber)
    {
        int indent = CountWhitespace(line);
        if (!TryFindKey(line, indent, out int keyEnd, out _))
        {
            Diagnostics.Deviation(Strict, code, $"The line is not a 'key: value' field and contains {problem}.", lineNumber);
            return;
        }

        ReadOnlySpan<byte> key = line[indent..keyEnd];
        Diagnostics.Error(code, $"The value of '{Show(key)}' contains {problem}.", lineNumber);
        _versionSeen |= key.SequenceEqual("version"u8);
        _modeSeen |= key.SequenceEqual("mode"u8);
        _maxAgeSeen |= key.SequenceEqual("max_age"u8);
    }

    private readonly DiagnosticSeverity DeviationSeverity => Strict ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;

    /// <summary>
    /// A problem whose message quotes part of the line. The message is only built while diagnostics
    /// are still listed, so thousands of bad lines cost no string each.
    /// </summary>
    private void ReportAbout(
        DiagnosticSeverity severity,
        string code,
        string template,
        ReadOnlySpan<byte> subject,
        int lineNumber)
    {
        string message = Diagnostics.IsFull(severity)
            ? string.Empty
            : string.Format(CultureInfo.InvariantCulture, template, Show(subject));
        Diagnostics.Add(severity, code, message, lineNumber);
    }

    private void ReportNotAField(ReadOnlySpan<byte> line, int lineNumber)
    {
        int colon = line.IndexOf((byte)':');
        if (colon < 0)
        {
            Diagnostics.Deviation(Strict, DiagnosticCodes.PolicyNotAField,
                "The line is not a 'key: value' field (no ':').", lineNumber);
            return;
        }

        ReportAbout(DeviationSeverity, DiagnosticCodes.PolicyNotAField,
            "'{0}' is not a field name: 1 to 32 letters, digits, '_', '-' or '.', starting with a letter or digit.",
            line[..colon].TrimEnd(" \t"u8), lineNumber);
    }

    public void ReportBlankLines(int firstLine, int count)
    {
        Diagnostics.DeviationOnLines(Strict, DiagnosticCodes.PolicyBlankLine,
            "Blank line; every line must be a 'key: value' field.", firstLine, count);
    }

    public PolicyParseResult Finish(bool checkRequiredFields)
    {
        if (checkRequiredFields)
        {
            CheckRequiredFields();
        }

        // A body of many mx lines got room for one pattern per line; a view over the used part
        // saves copying them all again.
        ArraySegment<MxPattern> patterns = _patterns is null
            ? ArraySegment<MxPattern>.Empty
            : new ArraySegment<MxPattern>(_patterns, 0, _patternCount);
        IReadOnlyList<ExtensionField> extensions = _extensions is null
            ? Array.Empty<ExtensionField>()
            : new ExtensionList(_body, _extensions, _extensionCount);

        if (!Diagnostics.HasErrors)
        {
            var policy = new MtaStsPolicy(_body, _mode!.Value, _maxAge!.Value, patterns, extensions);
            return new PolicyParseResult(_profile, policy, Diagnostics.ToList());
        }

        return new PolicyParseResult(
            _profile,
            Diagnostics.ToList(),
            _versionValid ? MtaStsPolicy.Version1 : null,
            _mode,
            _maxAge,
            MtaStsPolicy.AsList(patterns),
            extensions);
    }

    private void CheckRequiredFields()
    {
        if (!_versionSeen)
        {
            Diagnostics.Error(DiagnosticCodes.PolicyMissingVersion, "The policy has no 'version' field.");
        }

        if (!_modeSeen)
        {
            Diagnostics.Error(DiagnosticCodes.PolicyMissingMode, "The policy has no 'mode' field.");
        }

        if (!_maxAgeSeen)
        {
            Diagnostics.Error(DiagnosticCodes.PolicyMissingMaxAge, "The policy has no 'max_age' field.");
        }

        if (_mode is PolicyMode.Enforce or PolicyMode.Testing && _patternCount == 0)
        {
            Diagnostics.Error(DiagnosticCodes.PolicyMissingMx,
                $"A policy in mode '{_mode.Value.ToPolicyValue()}' needs at least one usable 'mx' pattern.");
        }
    }

    /// <summary>The value of a field whose key and ':' take the first <paramref name="keyLength"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> ValueAfter(ReadOnlySpan<byte> line, int keyLength)
    {
        int start = keyLength + CountWhitespace(line[keyLength..]);
        return line.Slice(start, TrimmedLength(line[start..]));
    }

    /// <summary>The length of <paramref name="text"/> without the white space that may end a line.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int TrimmedLength(ReadOnlySpan<byte> text)
    {
        int length = text.Length;
        while (length > 0 && text[length - 1] is (byte)' ' or (byte)'\t')
        {
            length--;
        }

        return length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CountWhitespace(ReadOnlySpan<byte> text)
    {
        int i = 0;
        while (i < text.Length && (text[i] == ' ' || text[i] == '\t'))
        {
            i++;
        }

        return i;
    }

    private static string Show(ReadOnlySpan<byte> value) => Printable.Of(value);
}
