using System;
using System.Globalization;

namespace MtaSts.Client.Policies;

/// <summary>One problem found while parsing an MTA-STS record or policy.</summary>
public sealed class ParseDiagnostic
{
    /// <summary>Initializes a new instance of the <see cref="ParseDiagnostic"/> class.</summary>
    /// <param name="severity">Whether the problem makes the input invalid.</param>
    /// <param name="code">The stable code, one of <see cref="DiagnosticCodes"/>.</param>
    /// <param name="message">A sentence a domain owner understands.</param>
    /// <param name="line">The 1-based line number, or <see langword="null"/> when the problem has no line.</param>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> or <paramref name="message"/> is null.</exception>
    public ParseDiagnostic(DiagnosticSeverity severity, string code, string message, int? line = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(message);

        Severity = severity;
        Code = code;
        Message = message;
        Line = line;
    }

    /// <summary>Gets whether the problem makes the input invalid.</summary>
    public DiagnosticSeverity Severity { get; }

    /// <summary>Gets the stable code of the problem, one of <see cref="DiagnosticCodes"/>.</summary>
    public string Code { get; }

    /// <summary>Gets a human-readable description of the problem.</summary>
    public string Message { get; }

    /// <summary>Gets the 1-based line the problem is on, or <see langword="null"/> if it concerns the whole input.</summary>
    public int? Line { get; }

    /// <summary>Gets a value indicating whether this diagnostic is an error.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>Formats the diagnostic as <c>line N: error code: message</c>.</summary>
    /// <returns>The formatted diagnostic.</returns>
    public override string ToString()
    {
        string severity = IsError ? "error" : "warning";

        return Line is int line
            ? string.Create(CultureInfo.InvariantCulture, $"line {line}: {severity} {Code}: {Message}")
            : $"{severity} {Code}: {Message}";
    }
}
