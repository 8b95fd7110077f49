using System;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace MtaSts.Client.Policies;

/// <summary>The <c>mx</c> lines: patterns, their repairs in the sender profile, the fast path for the common line.</summary>
internal partial struct PolicyReader
{
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
            if (Ascii.IsValid(value) || !TryToALabels(value, out byte[]? ascii) || !MxPattern.IsValid(ascii))
            {
                ReportInvalidMx(value, lineNumber);
                return;
            }

            Diagnostics.Deviation(Strict, DiagnosticCodes.PolicyMxULabel,
                $"The mx pattern '{Show(value)}' must be written in A-labels; it is read as '{Encoding.ASCII.GetString(ascii)}'.",
                lineNumber);
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

    private void ReportInvalidMx(ReadOnlySpan<byte> value, int lineNumber) =>
        ReportAbout(DeviationSeverity, DiagnosticCodes.PolicyInvalidMx,
            "'{0}' is not a host name, or '*.' and a domain; it matches no MX host.", value, lineNumber);

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
}
