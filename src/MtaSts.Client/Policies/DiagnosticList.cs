using System;
using System.Collections.Generic;
using System.Globalization;

namespace MtaSts.Client.Policies;

/// <summary>
/// Collects diagnostics for one parse. Errors and warnings are capped separately, so that hostile
/// input (thousands of bad lines) costs bounded memory and a flood of warnings can never push out
/// the error that explains why a policy is invalid. Validity is tracked past the caps.
/// </summary>
internal struct DiagnosticList
{
    internal const int MaxListed = 100;

    private List<ParseDiagnostic>? _items;
    private int _listedErrors;
    private int _listedWarnings;
    private int _omittedErrors;
    private int _omittedWarnings;

    public readonly bool HasErrors => _listedErrors + _omittedErrors > 0;

    public void Error(string code, string message, int? line = null) =>
        Add(DiagnosticSeverity.Error, code, message, line);

    public void Warning(string code, string message, int? line = null) =>
        Add(DiagnosticSeverity.Warning, code, message, line);

    /// <summary>An error under the strict profile, a warning under the sender profile.</summary>
    public void Deviation(bool strict, string code, string message, int? line) =>
        Add(strict ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, code, message, line);

    /// <summary>Whether a diagnostic of this severity would only be counted, so its message need not be built.</summary>
    public readonly bool IsFull(DiagnosticSeverity severity) =>
        (severity == DiagnosticSeverity.Error ? _listedErrors : _listedWarnings) >= MaxListed;

    /// <summary>The same problem on each of <paramref name="count"/> consecutive lines.</summary>
    public void DeviationOnLines(bool strict, string code, string message, int firstLine, int count)
    {
        DiagnosticSeverity severity = strict ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
        int room = MaxListed - (strict ? _listedErrors : _listedWarnings);
        int listed = Math.Clamp(count, 0, room);
        for (int i = 0; i < listed; i++)
        {
            Add(severity, code, message, firstLine + i);
        }

        Omit(severity, count - listed);
    }

    public void Add(DiagnosticSeverity severity, string code, string message, int? line)
    {
        if (IsFull(severity))
        {
            Omit(severity, 1);
            return;
        }

        (_items ??= new List<ParseDiagnostic>()).Add(new ParseDiagnostic(severity, code, message, line));
        if (severity == DiagnosticSeverity.Error)
        {
            _listedErrors++;
        }
        else
        {
            _listedWarnings++;
        }
    }

    public readonly IReadOnlyList<ParseDiagnostic> ToList()
    {
        if (_items is null)
        {
            return Array.Empty<ParseDiagnostic>();
        }

        AddOmitted(DiagnosticSeverity.Error, _omittedErrors, "errors");
        AddOmitted(DiagnosticSeverity.Warning, _omittedWarnings, "warnings");
        return _items;
    }

    private void Omit(DiagnosticSeverity severity, int count)
    {
        if (severity == DiagnosticSeverity.Error)
        {
            _omittedErrors += count;
        }
        else
        {
            _omittedWarnings += count;
        }
    }

    private readonly void AddOmitted(DiagnosticSeverity severity, int count, string what)
    {
        if (count > 0)
        {
            string message = string.Create(CultureInfo.InvariantCulture, $"{count} more {what} were found and are not listed.");
            _items!.Add(new ParseDiagnostic(severity, DiagnosticCodes.TooManyDiagnostics, message));
        }
    }
}
