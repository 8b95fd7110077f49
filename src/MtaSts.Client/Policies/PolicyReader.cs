using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace MtaSts.Client.Policies;

/// <summary>The state of one policy parse: the fields found so far, line by line.</summary>
internal struct PolicyReader
{
    private static readonly string[] s_knownKeys = ["version", "mode", "max_age", "mx"];

    public DiagnosticList Diagnostics;

    private readonly ParsingProfile _profile;
    private bool _versionSeen;
    private bool _versionValid;
    private bool _modeSeen;
    private PolicyMode? _mode;
    private bool _maxAgeSeen;
    private int? _maxAge;
    private MxPattern[]? _patterns;
    private int _patternCount;
    private List<ExtensionField>? _extensions;

    public PolicyReader(ParsingProfile profile)
    {
        _profile = profile;
    }

    public readonly bool Strict => _profile == ParsingProfile.Strict;

    public void ReadLine(string text, int start, int length, int lineNumber)
    {
        ReadOnlySpan<char> line = text.AsSpan(start, length);
        if (PolicyParser.IsControlCharacter(line, out char control))
        {
            string what = control == '\r'
                ? "a carriage return (CR) that is not followed by a line feed"
                : string.Create(CultureInfo.InvariantCulture, $"the control character U+{(int)control:X4}");
            Diagnostics.Error(DiagnosticCodes.PolicyControlCharacter, $"The line contains {what}.", lineNumber);
            return;
        }

        int indent = CountWhitespace(line);
        if (indent == line.Length)
        {
            Diagnostics.Deviation(Strict, DiagnosticCodes.PolicyBlankLine,
                "Blank line; every line must be a 'key: value' field.", lineNumber);
            return;
        }

        if (indent > 0)
        {
            Diagnostics.Deviation(Strict, DiagnosticCodes.PolicyLeadingWhitespace,
                "The line starts with white space; a line must start with its key.", lineNumber);
        }

        int colon = line.IndexOf(':');
        if (colon < 0)
        {
            Diagnostics.Deviation(Strict, DiagnosticCodes.PolicyNotAField,
                "The line is not a 'key: value' field (no ':').", lineNumber);
            return;
        }

        ReadOnlySpan<char> key = line[indent..colon];
        ReadOnlySpan<char> trimmedKey = key.TrimEnd(" \t");
        if (trimmedKey.Length < key.Length)
        {
            Diagnostics.Deviation(Strict, DiagnosticCodes.PolicyWhitespaceBeforeColon,
                $"White space between the key '{trimmedKey}' and its ':'.", lineNumber);
            key = trimmedKey;
        }

        if (!FieldSyntax.IsFieldName(key))
        {
            Diagnostics.Deviation(Strict, DiagnosticCodes.PolicyNotAField,
                $"'{key}' is not a field name: 1 to 32 letters, digits, '_', '-' or '.', starting with a letter or digit.",
                lineNumber);
            return;
        }

        int valueStart = colon + 1 + CountWhitespace(line[(colon + 1)..]);
        ReadOnlySpan<char> value = line[valueStart..].TrimEnd(" \t");
        if (key.SequenceEqual("mx"))
        {
            ReadMx(text, start + valueStart, value.Length, lineNumber);
        }
        else if (key.SequenceEqual("mode"))
        {
            ReadMode(value, lineNumber);
        }
        else if (key.SequenceEqual("max_age"))
        {
            ReadMaxAge(value, lineNumber);
        }
        else if (key.SequenceEqual("version"))
        {
            ReadVersion(value, lineNumber);
        }
        else
        {
            ReadExtension(key, value, lineNumber);
        }
    }

    public PolicyParseResult Finish(string text, bool checkRequiredFields)
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
            : new MtaStsPolicy(text, _mode!.Value, _maxAge!.Value, patterns, extensions);

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
    /// invalid first value and an invalid repeat cannot spoil a valid one.
    /// </remarks>
    private bool IsRepeat(bool seen, string key, int lineNumber)
    {
        if (seen)
        {
            Diagnostics.Warning(DiagnosticCodes.PolicyDuplicateField,
                $"'{key}' appears again; only the first one counts.", lineNumber);
        }

        return seen;
    }

    private void ReadVersion(ReadOnlySpan<char> value, int lineNumber)
    {
        if (IsRepeat(_versionSeen, "version", lineNumber))
        {
            return;
        }

        _versionSeen = true;
        _versionValid = value.SequenceEqual(MtaStsPolicy.Version1);
        if (!_versionValid)
        {
            Diagnostics.Error(DiagnosticCodes.PolicyInvalidVersion,
                $"The version '{value}' is not 'STSv1' (case-sensitive).", lineNumber);
        }
    }

    private void ReadMode(ReadOnlySpan<char> value, int lineNumber)
    {
        if (IsRepeat(_modeSeen, "mode", lineNumber))
        {
            return;
        }

        _modeSeen = true;
        if (value.SequenceEqual("enforce"))
        {
            _mode = PolicyMode.Enforce;
        }
        else if (value.SequenceEqual("testing"))
        {
            _mode = PolicyMode.Testing;
        }
        else if (value.SequenceEqual("none"))
        {
            _mode = PolicyMode.None;
        }
        else
        {
            Diagnostics.Error(DiagnosticCodes.PolicyInvalidMode,
                $"The mode '{value}' is not 'enforce', 'testing' or 'none' (case-sensitive).", lineNumber);
        }
    }

    private void ReadMaxAge(ReadOnlySpan<char> value, int lineNumber)
    {
        if (IsRepeat(_maxAgeSeen, "max_age", lineNumber))
        {
            return;
        }

        _maxAgeSeen = true;
        if (value.IsEmpty || value.Length > 10 || value.ContainsAnyExceptInRange('0', '9'))
        {
            Diagnostics.Error(DiagnosticCodes.PolicyInvalidMaxAge,
                $"The max_age '{value}' is not a number of seconds written with 1 to 10 digits.", lineNumber);
            return;
        }

        long seconds = long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
        if (seconds > PolicyParser.MaxAgeLimit)
        {
            Diagnostics.Warning(DiagnosticCodes.PolicyMaxAgeClamped,
                $"The max_age {seconds} is above the maximum of {PolicyParser.MaxAgeLimit} seconds; {PolicyParser.MaxAgeLimit} is used.",
                lineNumber);
            seconds = PolicyParser.MaxAgeLimit;
        }

        _maxAge = (int)seconds;
    }

    private void ReadMx(string text, int start, int length, int lineNumber)
    {
        ReadOnlySpan<char> value = text.AsSpan(start, length);
        if (value.IsEmpty)
        {
            Diagnostics.Deviation(Strict, DiagnosticCodes.PolicyInvalidMx, "'mx' has no value.", lineNumber);
            return;
        }

        if (value.Length > 1 && value[^1] == '.')
        {
            Diagnostics.Deviation(Strict, DiagnosticCodes.PolicyMxTrailingDot,
                $"The mx pattern '{value}' ends with a dot; it is read without it.", lineNumber);
            value = value[..^1];
            length--;
        }

        if (!Ascii.IsValid(value))
        {
            Diagnostics.Deviation(Strict, DiagnosticCodes.PolicyMxULabel,
                $"The mx pattern '{value}' must be written in A-labels ('xn--…'); it is read as its A-label form.",
                lineNumber);
            if (!TryToALabels(value, out string? ascii))
            {
                ReportInvalidMx(value, lineNumber);
                return;
            }

            (text, start, length) = (ascii, 0, ascii.Length);
            value = ascii;
        }

        if (!MxPattern.IsValid(value))
        {
            ReportInvalidMx(value, lineNumber);
            return;
        }

        if (_patterns is null || _patternCount == _patterns.Length)
        {
            Array.Resize(ref _patterns, Math.Max(4, _patternCount * 2));
        }

        _patterns[_patternCount++] = new MxPattern(text, start, length);
    }

    private void ReportInvalidMx(ReadOnlySpan<char> value, int lineNumber) =>
        Diagnostics.Deviation(Strict, DiagnosticCodes.PolicyInvalidMx,
            $"'{value}' is not a host name, or '*.' and a domain; it matches no MX host.", lineNumber);

    private void ReadExtension(ReadOnlySpan<char> key, ReadOnlySpan<char> value, int lineNumber)
    {
        ReportMisspeltKey(key, lineNumber);

        // Control characters never get here, so all that can break the value grammar is an inner tab.
        if (value.IsEmpty || value.Contains('\t'))
        {
            Diagnostics.Deviation(Strict, DiagnosticCodes.PolicyInvalidExtension,
                $"The unknown field '{key}' needs a value of printable characters and inner spaces.", lineNumber);
            return;
        }

        (_extensions ??= new List<ExtensionField>()).Add(new ExtensionField(key.ToString(), value.ToString()));
    }

    private void ReportMisspeltKey(ReadOnlySpan<char> key, int lineNumber)
    {
        foreach (string known in s_knownKeys)
        {
            if (key.Length == known.Length && IsLookalike(key, known))
            {
                Diagnostics.Warning(DiagnosticCodes.PolicyMisspeltKey,
                    $"'{key}' is not '{known}': keys are case-sensitive, so this line is an unknown field and ignored.",
                    lineNumber);
                return;
            }
        }
    }

    private static bool IsLookalike(ReadOnlySpan<char> key, string known)
    {
        for (int i = 0; i < key.Length; i++)
        {
            char k = char.ToLowerInvariant(key[i]);
            if (k != known[i] && !(k == '-' && known[i] == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryToALabels(ReadOnlySpan<char> value, [NotNullWhen(true)] out string? ascii)
    {
        bool wildcard = value.StartsWith("*.");
        if (!HostName.TryToAscii(wildcard ? value[2..] : value, out ascii))
        {
            return false;
        }

        if (wildcard)
        {
            ascii = "*." + ascii;
        }

        return true;
    }

    private static int CountWhitespace(ReadOnlySpan<char> text)
    {
        int i = 0;
        while (i < text.Length && (text[i] == ' ' || text[i] == '\t'))
        {
            i++;
        }

        return i;
    }
}
