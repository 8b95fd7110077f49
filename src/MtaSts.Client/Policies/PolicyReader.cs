using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace MtaSts.Client.Policies;

/// <summary>The state of one policy parse: the fields found so far, line by line.</summary>
internal partial struct PolicyReader
{
    private const int MaxShownLength = 80;
    public DiagnosticList Diagnostics;
    private readonly ParsingProfile _profile;
    private readonly byte[] _body;
    private readonly bool _mayHoldControls;
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

    public PolicyReader(ParsingProfile profile, byte[] body, bool mayHoldControls)
    {
        _profile = profile;
        _body = body;
        _mayHoldControls = mayHoldControls;
    }

    public readonly bool Strict => _profile == ParsingProfile.Strict;

    public void ReadLine(int start, int length, int lineNumber, bool loneCarriageReturn)
    {
        ReadOnlySpan<byte> line = _body.AsSpan(start, length);
        if ((_mayHoldControls || loneCarriageReturn) && ReportControlByte(line, lineNumber))
        {
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

        // A well-formed key runs up to the first byte a field name cannot hold, and ':' follows it.
        int keyScan = Math.Min(line.Length - indent, FieldSyntax.MaxFieldNameLength + 1);
        int keyEnd = indent + NameCharacters.CountLeading(line.Slice(indent, keyScan), NameCharacters.FieldName);
        int colon = keyEnd + CountWhitespace(line[keyEnd..]);
        if (colon == line.Length || line[colon] != ':')
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

        // Every byte of the key is already known to be a field-name byte.
        if (key.Length is 0 or > FieldSyntax.MaxFieldNameLength || !char.IsAsciiLetterOrDigit((char)key[0]))
        {
            ReportNotAField(line[indent..], lineNumber);
            return;
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
        string message = Diagnostics.IsFull
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

    private bool ReportControlByte(ReadOnlySpan<byte> line, int lineNumber)
    {
        int index = PolicyParser.IndexOfControlByte(line);
        if (index < 0)
        {
            return false;
        }

        string what = line[index] == '\r'
            ? "a carriage return (CR) that is not followed by a line feed"
            : string.Create(CultureInfo.InvariantCulture, $"the control character U+{line[index]:X4}");
        Diagnostics.Error(DiagnosticCodes.PolicyControlCharacter, $"The line contains {what}.", lineNumber);
        return true;
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

    /// <summary>A value for a message, cut short so that a hostile line cannot make a huge diagnostic.</summary>
    private static string Show(ReadOnlySpan<byte> value) =>
        value.Length <= MaxShownLength
            ? Encoding.UTF8.GetString(value)
            : Encoding.UTF8.GetString(value[..MaxShownLength]) + "…";
}
