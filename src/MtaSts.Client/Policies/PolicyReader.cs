using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
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
    private void ReportAbout(DiagnosticSeverity severity, string code, string template, ReadOnlySpan<byte> subject, int lineNumber)
    {
        string message = Diagnostics.IsFull ? string.Empty : string.Format(CultureInfo.InvariantCulture, template, Show(subject));
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

    /// <summary>
    /// Reads a line of the form a policy repeats most, <c>mx:</c>, a valid pattern and the line
    /// ending, in one pass that also finds where the line ends. Any other line is left alone for
    /// <see cref="ReadLine"/>, which then reports whatever is wrong with it.
    /// </summary>
    public bool TryReadCanonicalMx(int start, out int next)
    {
        ReadOnlySpan<byte> rest = _body.AsSpan(start);
        next = start;
        if (!rest.StartsWith("mx:"u8))
        {
            return false;
        }

        int valueStart = 3 + CountWhitespace(rest[3..]);
        int domainStart = rest[valueStart..].StartsWith("*."u8) ? valueStart + 2 : valueStart;
        int valueEnd = domainStart + HostName.ScanDomain(rest[domainStart..], out bool valid);
        int i = valueEnd + CountWhitespace(rest[valueEnd..]);
        if (i == rest.Length)
        {
            next = start + i;
        }
        else if (rest[i] == '\n')
        {
            next = start + i + 1;
        }
        else if (rest[i] == '\r' && i + 1 < rest.Length && rest[i + 1] == '\n')
        {
            next = start + i + 2;
        }
        else
        {
            return false;
        }

        if (!valid)
        {
            return false;
        }

        AddPattern(_body, start + valueStart, valueEnd - valueStart);
        return true;
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
    private bool IsRepeat(bool seen, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, int lineNumber)
    {
        if (seen)
        {
            DiagnosticSeverity severity = IsExtensionValue(value) || !Strict ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
            ReportAbout(severity, DiagnosticCodes.PolicyDuplicateField,
                "'{0}' appears again; only the first one counts.", key, lineNumber);
        }

        return seen;
    }

    private void ReadVersion(ReadOnlySpan<byte> value, int lineNumber)
    {
        if (IsRepeat(_versionSeen, "version"u8, value, lineNumber))
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
        if (IsRepeat(_modeSeen, "mode"u8, value, lineNumber))
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
        if (IsRepeat(_maxAgeSeen, "max_age"u8, value, lineNumber))
        {
            return;
        }

        _maxAgeSeen = true;
        if (!TryReadDigits(value, out long seconds))
        {
            ReportAbout(DiagnosticSeverity.Error, DiagnosticCodes.PolicyInvalidMaxAge,
                "The max_age '{0}' is not a number of seconds written with 1 to 10 digits.", value, lineNumber);
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
            ReportAbout(DeviationSeverity, DiagnosticCodes.PolicyMxTrailingDot,
                "The mx pattern '{0}' ends with a dot; it is read without it.", value, lineNumber);
            value = value[..^1];
            length--;
        }

        if (!MxPattern.IsValid(value))
        {
            if (Ascii.IsValid(value) || !TryReadULabels(value, lineNumber, out byte[]? ascii))
            {
                ReportInvalidMx(value, lineNumber);
                return;
            }

            (source, start, length) = (ascii, 0, ascii.Length);
        }

        AddPattern(source, start, length);
    }

    private void AddPattern(byte[] source, int start, int length)
    {
        if (_patterns is null || _patternCount == _patterns.Length)
        {
            Array.Resize(ref _patterns, NextPatternCapacity());
        }

        _patterns[_patternCount++] = new MxPattern(source, start, length);
    }

    /// <summary>
    /// Room for two patterns fits most policies. A policy with more gets room for one pattern per
    /// line in one step (a vector count of line feeds), trimmed at the end, rather than doubling
    /// through a dozen copies when it has thousands.
    /// </summary>
    private readonly int NextPatternCapacity() =>
        _patternCount < 2 ? 2 : Math.Max(_body.AsSpan().Count((byte)'\n') + 1, _patternCount * 2);

    /// <summary>Reads an <c>mx</c> value written with U-labels as its A-label form, with a warning.</summary>
    private bool TryReadULabels(ReadOnlySpan<byte> value, int lineNumber, [NotNullWhen(true)] out byte[]? ascii)
    {
        Diagnostics.Deviation(Strict, DiagnosticCodes.PolicyMxULabel,
            $"The mx pattern '{Show(value)}' must be written in A-labels ('xn--…'); it is read as its A-label form.",
            lineNumber);
        return TryToALabels(value, out ascii) && MxPattern.IsValid(ascii);
    }

    private void ReportInvalidMx(ReadOnlySpan<byte> value, int lineNumber) =>
        ReportAbout(DeviationSeverity, DiagnosticCodes.PolicyInvalidMx,
            "'{0}' is not a host name, or '*.' and a domain; it matches no MX host.", value, lineNumber);

    private void ReadExtension(int keyStart, int keyLength, int valueStart, int valueLength, int lineNumber)
    {
        ReadOnlySpan<byte> key = _body.AsSpan(keyStart, keyLength);
        ReportMisspeltKey(key, lineNumber);

        ReadOnlySpan<byte> value = _body.AsSpan(valueStart, valueLength);
        if (!IsExtensionValue(value))
        {
            ReportAbout(DeviationSeverity, DiagnosticCodes.PolicyInvalidExtension,
                "The unknown field '{0}' needs a value of printable characters and inner spaces.", key, lineNumber);
            return;
        }

        if (_extensions is null || _extensionCount == _extensions.Length)
        {
            Array.Resize(ref _extensions, Math.Max(4, _extensionCount * 2));
        }

        _extensions[_extensionCount++] = new FieldRange(
            new Range(keyStart, keyStart + keyLength),
            new Range(valueStart, valueStart + valueLength));
    }

    private void ReportMisspeltKey(ReadOnlySpan<byte> key, int lineNumber)
    {
        foreach (string known in s_knownKeys)
        {
            if (key.Length == known.Length && IsLookalike(key, known) && !Diagnostics.IsFull)
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

    /// <summary>The value of a field whose key and ':' take the first <paramref name="keyLength"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> ValueAfter(ReadOnlySpan<byte> line, int keyLength)
    {
        int start = keyLength + CountWhitespace(line[keyLength..]);
        return line.Slice(start, TrimmedLength(line[start..]));
    }

    /// <summary>1 to 10 ASCII digits, leading zeros allowed (RFC 8461 §3.2 <c>1*10DIGIT</c>).</summary>
    private static bool TryReadDigits(ReadOnlySpan<byte> value, out long number)
    {
        number = 0;
        if (value.IsEmpty || value.Length > MaxAgeDigits)
        {
            return false;
        }

        foreach (byte b in value)
        {
            uint digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            number = (number * 10) + digit;
        }

        return true;
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
