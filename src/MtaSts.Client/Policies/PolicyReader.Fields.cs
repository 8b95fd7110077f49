using System;

namespace MtaSts.Client.Policies;

/// <summary>The fields that may appear once, and the extension fields RFC 8461 ignores.</summary>
internal partial struct PolicyReader
{
    private const int MaxAgeDigits = 10;

    private static readonly string[] s_knownKeys = ["version", "mode", "max_age", "mx"];

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
            DiagnosticSeverity severity = IsExtensionValue(value) ? DiagnosticSeverity.Warning : DeviationSeverity;
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
                $"The max_age {seconds} is above the maximum of {PolicyParser.MaxAgeLimit} seconds, which is used instead.",
                lineNumber);
            seconds = PolicyParser.MaxAgeLimit;
        }

        _maxAge = (int)seconds;
    }

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
            if (key.Length == known.Length && IsLookalike(key, known) && !Diagnostics.IsFull(DiagnosticSeverity.Warning))
            {
                Diagnostics.Warning(DiagnosticCodes.PolicyMisspeltKey,
                    $"'{Show(key)}' is not '{known}': keys are written exactly, so this line is an ignored unknown field.",
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
}
