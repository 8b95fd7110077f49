using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace MtaSts.Client.Policies;

/// <summary>The state of one policy parse: the fields found so far, line by line.</summary>
internal struct PolicyReader
{
    private const int MaxShownLength = 80;
    private const int MaxAgeDigits = 10;

    private static readonly string[] s_knownKeys = ["version", "mode", "max_age", "mx"];

    public DiagnosticList Diagnostics;

    private readonly ParsingProfile _profile;
    private readonly byte[] _body;
    private readonly bool _hasControlBytes;
    private bool _versionSeen;
    private bool _versionValid;
    private bool _modeSeen;
    private PolicyMode? _mode;
    private bool _maxAgeSeen;
    private int? _maxAge;
    private MxPattern[]? _patterns;
    private int _patternCount;
    private List<ExtensionField>? _extensions;

    public PolicyReader(ParsingProfile profile, byte[] body, bool hasControlBytes)
    {
        _profile = profile;
        _body = body;
        _hasControlBytes = hasControlBytes;
    }

    public readonly bool Strict => _profile == ParsingProfile.Strict;

    public void ReadLine(int start, int length, int lineNumber)
    {
        ReadOnlySpan<byte> line = _body.AsSpan(start, length);
        if (_hasControlBytes && ReportControlByte(line, lineNumber))
        {
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

        int colon = line.IndexOf((byte)':');
        if (colon < 0)
        {
            Diagnostics.Deviation(Strict, DiagnosticCodes.PolicyNotAField,
                "The line is not a 'key: value' field (no ':').", lineNumber);
            return;
        }

        ReadOnlySpan<byte> key = line[indent..colon];
        int keyLength = key.TrimEnd(" \t"u8).Length;
        if (keyLength < key.Length)
        {
            key = key[..keyLength];
            Diagnostics.Deviation(Strict, DiagnosticCodes.PolicyWhitespaceBeforeColon,
                $"White space between the key '{Show(key)}' and its ':'.", lineNumber);
        }

        if (!FieldSyntax.IsFieldName(key))
        {
            Diagnostics.Deviation(Strict, DiagnosticCodes.PolicyNotAField,
                $"'{Show(key)}' is not a field name: 1 to 32 letters, digits, '_', '-' or '.', starting with a letter or digit.",
                lineNumber);
            return;
        }

        int valueStart = colon + 1 + CountWhitespace(line[(colon + 1)..]);
        int valueLength = line[valueStart..].TrimEnd(" \t"u8).Length;
        ReadOnlySpan<byte> value = line.Slice(valueStart, valueLength);
        if (key.SequenceEqual("mx"u8))
        {
            ReadMx(start + valueStart, valueLength, lineNumber);
        }
        else if (key.SequenceEqual("mode"u8))
        {
            ReadMode(value, lineNumber);
        }
        else if (key.SequenceEqual("max_age"u8))
        {
            ReadMaxAge(value, lineNumber);
        }
        else if (key.SequenceEqual("version"u8))
        {
            ReadVersion(value, lineNumber);
        }
        else
        {
            ReadExtension(start + indent, key.Length, start + valueStart, valueLength, lineNumber);
        }
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

        MxPattern[] patterns = _patterns is null ? Array.Empty<MxPattern>()
            : _patterns.Length == _patternCount ? _patterns
            : _patterns.AsSpan(0, _patternCount).ToArray();
        IReadOnlyList<ExtensionField> extensions = _extensions ?? (IReadOnlyList<ExtensionField>)Array.Empty<ExtensionField>();

        MtaStsPolicy? policy = Diagnostics.HasErrors
            ? null
            : new MtaStsPolicy(_body, _mode!.Value, _maxAge!.Value, patterns, extensions);

        return new PolicyParseResult(
            _profile,
            policy,
            Diagnostics.ToList(),
            _versionValid ? MtaStsPolicy.Version1 : null,
            _mode,
            _maxAge,
            patterns,
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

    /// <summary>Whether this is a repeat of a field that may appear once; reports it if so.</summary>
    /// <remarks>
    /// RFC 8461 §3.2 ignores every occurrence after the first, so a valid repeat cannot rescue an
    /// invalid first value and an invalid repeat cannot spoil a valid one. A repeat that is not
    /// even shaped like a field (an empty value) still breaks the grammar the strict profile
    /// applies.
    /// </remarks>
    private bool IsRepeat(bool seen, string key, ReadOnlySpan<byte> value, int lineNumber)
    {
        if (seen)
        {
            DiagnosticSeverity severity = IsExtensionValue(value) || !Strict ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
            Diagnostics.Add(severity, DiagnosticCodes.PolicyDuplicateField,
                $"'{key}' appears again; only the first one counts.", lineNumber);
        }

        return seen;
    }

    private void ReadVersion(ReadOnlySpan<byte> value, int lineNumber)
    {
        if (IsRepeat(_versionSeen, "version", value, lineNumber))
        {
            return;
        }

        _versionSeen = true;
        _versionValid = value.SequenceEqual("STSv1"u8);
        if (!_versionValid)
        {
            Diagnostics.Error(DiagnosticCodes.PolicyInvalidVersion,
                $"The version '{Show(value)}' is not 'STSv1' (case-sensitive).", lineNumber);
        }
    }

    private void ReadMode(ReadOnlySpan<byte> value, int lineNumber)
    {
        if (IsRepeat(_modeSeen, "mode", value, lineNumber))
        {
            return;
        }

        _modeSeen = true;
        if (value.SequenceEqual("enforce"u8))
        {
            _mode = PolicyMode.Enforce;
        }
        else if (value.SequenceEqual("testing"u8))
        {
            _mode = PolicyMode.Testing;
        }
        else if (value.SequenceEqual("none"u8))
        {
            _mode = PolicyMode.None;
        }
        else
        {
            Diagnostics.Error(DiagnosticCodes.PolicyInvalidMode,
                $"The mode '{Show(value)}' is not 'enforce', 'testing' or 'none' (case-sensitive).", lineNumber);
        }
    }

    private void ReadMaxAge(ReadOnlySpan<byte> value, int lineNumber)
    {
        if (IsRepeat(_maxAgeSeen, "max_age", value, lineNumber))
        {
            return;
        }

        _maxAgeSeen = true;
        if (value.IsEmpty || value.Length > MaxAgeDigits || value.ContainsAnyExceptInRange((byte)'0', (byte)'9')
            || !Utf8Parser.TryParse(value, out long seconds, out _))
        {
            Diagnostics.Error(DiagnosticCodes.PolicyInvalidMaxAge,
                $"The max_age '{Show(value)}' is not a number of seconds written with 1 to 10 digits.", lineNumber);
            return;
        }

        if (seconds > PolicyParser.MaxAgeLimit)
        {
            Diagnostics.Warning(DiagnosticCodes.PolicyMaxAgeClamped,
                $"The max_age {seconds} is above the maximum of {PolicyParser.MaxAgeLimit} seconds; {PolicyParser.MaxAgeLimit} is used.",
                lineNumber);
            seconds = PolicyParser.MaxAgeLimit;
        }

        _maxAge = (int)seconds;
    }

    private void ReadMx(int start, int length, int lineNumber)
    {
        byte[] source = _body;
        ReadOnlySpan<byte> value = source.AsSpan(start, length);
        if (value.IsEmpty)
        {
            Diagnostics.Deviation(Strict, DiagnosticCodes.PolicyInvalidMx, "'mx' has no value.", lineNumber);
            return;
        }

        if (value.Length > 1 && value[^1] == '.')
        {
            Diagnostics.Deviation(Strict, DiagnosticCodes.PolicyMxTrailingDot,
                $"The mx pattern '{Show(value)}' ends with a dot; it is read without it.", lineNumber);
            value = value[..^1];
            length--;
        }

        if (!Ascii.IsValid(value))
        {
            Diagnostics.Deviation(Strict, DiagnosticCodes.PolicyMxULabel,
                $"The mx pattern '{Show(value)}' must be written in A-labels ('xn--…'); it is read as its A-label form.",
                lineNumber);
            if (!TryToALabels(value, out byte[]? ascii))
            {
                ReportInvalidMx(value, lineNumber);
                return;
            }

            (source, start, length) = (ascii, 0, ascii.Length);
            value = ascii;
        }

        if (!MxPattern.IsValid(value))
        {
            ReportInvalidMx(value, lineNumber);
            return;
        }

        if (_patterns is null || _patternCount == _patterns.Length)
        {
            Array.Resize(ref _patterns, _patterns is null ? EstimateMxLines() : _patternCount * 2);
        }

        _patterns[_patternCount++] = new MxPattern(source, start, length);
    }

    /// <summary>Lines that start with <c>mx</c>: exact for a well-formed body, so the array is sized once.</summary>
    private readonly int EstimateMxLines()
    {
        int count = _body.AsSpan().Count("\nmx"u8) + (_body.AsSpan().StartsWith("mx"u8) ? 1 : 0);
        return Math.Max(count, 1);
    }

    private void ReportInvalidMx(ReadOnlySpan<byte> value, int lineNumber) =>
        Diagnostics.Deviation(Strict, DiagnosticCodes.PolicyInvalidMx,
            $"'{Show(value)}' is not a host name, or '*.' and a domain; it matches no MX host.", lineNumber);

    private void ReadExtension(int keyStart, int keyLength, int valueStart, int valueLength, int lineNumber)
    {
        ReadOnlySpan<byte> key = _body.AsSpan(keyStart, keyLength);
        ReportMisspeltKey(key, lineNumber);

        ReadOnlySpan<byte> value = _body.AsSpan(valueStart, valueLength);
        if (!IsExtensionValue(value))
        {
            Diagnostics.Deviation(Strict, DiagnosticCodes.PolicyInvalidExtension,
                $"The unknown field '{Show(key)}' needs a value of printable characters and inner spaces.", lineNumber);
            return;
        }

        var field = new ExtensionField(_body, new Range(keyStart, keyStart + keyLength), new Range(valueStart, valueStart + valueLength));
        (_extensions ??= new List<ExtensionField>()).Add(field);
    }

    private void ReportMisspeltKey(ReadOnlySpan<byte> key, int lineNumber)
    {
        foreach (string known in s_knownKeys)
        {
            if (key.Length == known.Length && IsLookalike(key, known))
            {
                Diagnostics.Warning(DiagnosticCodes.PolicyMisspeltKey,
                    $"'{Show(key)}' is not '{known}': keys are case-sensitive, so this line is an unknown field and ignored.",
                    lineNumber);
                return;
            }
        }
    }

    private static bool IsLookalike(ReadOnlySpan<byte> key, string known)
    {
        for (int i = 0; i < key.Length; i++)
        {
            int k = key[i] is >= (byte)'A' and <= (byte)'Z' ? key[i] | 0x20 : key[i];
            if (k != known[i] && !(k == '-' && known[i] == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The extension-value grammar for a value already cut of its surrounding white space. Control
    /// characters never get this far, so all that can break it is emptiness or an inner tab.
    /// </summary>
    private static bool IsExtensionValue(ReadOnlySpan<byte> value) => !value.IsEmpty && !value.Contains((byte)'\t');

    private static bool TryToALabels(ReadOnlySpan<byte> value, [NotNullWhen(true)] out byte[]? ascii)
    {
        bool wildcard = value.StartsWith("*."u8);
        string text = Encoding.UTF8.GetString(wildcard ? value[2..] : value);
        if (!HostName.TryToAscii(text, out string? aLabels) || !HostName.IsULabelForm(text, aLabels))
        {
            ascii = null;
            return false;
        }

        ascii = Encoding.ASCII.GetBytes(wildcard ? "*." + aLabels : aLabels);
        return true;
    }

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
