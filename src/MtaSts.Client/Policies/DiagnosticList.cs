using System;
using System.Collections.Generic;
using System.Globalization;

namespace MtaSts.Client.Policies;

/// <summary>
/// Collects diagnostics for one parse. The count is capped so that hostile input (thousands of bad
/// lines) costs bounded memory; validity is tracked past the cap.
/// </summary>
internal struct DiagnosticList
{
    internal const int MaxListed = 100;

    private List<ParseDiagnostic>? _items;
    private int _omitted;
    private bool _omittedError;

    public bool HasErrors { get; private set; }

    /// <summary>Gets a value indicating whether further diagnostics are only counted, not listed.</summary>
    public readonly bool IsFull => _items is { Count: >= MaxListed };

    public void Error(string code, string message, int? line = null) =>
        Add(DiagnosticSeverity.Error, code, message, line);

    public void Warning(string code, string message, int? line = null) =>
        Add(DiagnosticSeverity.Warning, code, message, line);

    /// <summary>An error under the strict profile, a warning under the sender profile.</summary>
    public void Deviation(bool strict, string code, string message, int? line) =>
        Add(strict ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, code, message, line);

    /// <summary>The same problem on each of <paramref name="count"/> consecutive lines.</summary>
    public void DeviationOnLines(bool strict, string code, string message, int firstLine, int count)
    {
        int listed = Math.Min(count, MaxListed - (_items?.Count ?? 0));
        for (int i = 0; i < listed; i++)
        {
            Deviation(strict, code, message, firstLine + i);
        }

        if (count > listed)
        {
            HasErrors |= strict;
            _omitted += count - Math.Max(listed, 0);
            _omittedError |= strict;
        }
    }

    public void Add(DiagnosticSeverity severity, string code, string message, int? line)
    {
        HasErrors |= severity == DiagnosticSeverity.Error;

        _items ??= new List<ParseDiagnostic>();
        if (_items.Count < MaxListed)
        {
            _items.Add(new ParseDiagnostic(severity, code, message, line));
        }
        else
        {
            _omitted++;
            _omittedError |= severity == DiagnosticSeverity.Error;
        }
    }

    public readonly IReadOnlyList<ParseDiagnostic> ToList()
    {
        if (_items is null)
        {
            return Array.Empty<ParseDiagnostic>();
        }

        if (_omitted > 0)
        {
            string message = string.Create(
                CultureInfo.InvariantCulture,
                $"{_omitted} more problems were found and are not listed.");
            _items.Add(new ParseDiagnostic(
                _omittedError ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
                DiagnosticCodes.TooManyDiagnostics,
                message));
        }

        return _items;
    }
}
