using System;
using System.Collections.Generic;

namespace MtaSts.Client.Policies;

/// <summary>Thrown by the throwing <c>Parse</c> methods when a record or policy is invalid.</summary>
public sealed class MtaStsFormatException : FormatException
{
    /// <summary>Initializes a new instance of the <see cref="MtaStsFormatException"/> class.</summary>
    public MtaStsFormatException()
        : this("The MTA-STS input is invalid.", Array.Empty<ParseDiagnostic>())
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MtaStsFormatException"/> class.</summary>
    /// <param name="message">The message.</param>
    public MtaStsFormatException(string message)
        : this(message, Array.Empty<ParseDiagnostic>())
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MtaStsFormatException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public MtaStsFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = Array.Empty<ParseDiagnostic>();
    }

    /// <summary>Initializes a new instance of the <see cref="MtaStsFormatException"/> class.</summary>
    /// <param name="message">The summary.</param>
    /// <param name="diagnostics">Every problem found.</param>
    public MtaStsFormatException(string message, IReadOnlyList<ParseDiagnostic> diagnostics)
        : base(Describe(message, diagnostics))
    {
        Diagnostics = diagnostics ?? Array.Empty<ParseDiagnostic>();
        foreach (ParseDiagnostic? diagnostic in Diagnostics)
        {
            ArgumentNullException.ThrowIfNull(diagnostic, nameof(diagnostics));
        }
    }

    /// <summary>Gets every problem the parser found, with line numbers where they apply.</summary>
    public IReadOnlyList<ParseDiagnostic> Diagnostics { get; }

    private static string Describe(string message, IReadOnlyList<ParseDiagnostic>? diagnostics)
    {
        if (diagnostics is null)
        {
            return message;
        }

        foreach (ParseDiagnostic diagnostic in diagnostics)
        {
            if (diagnostic?.IsError == true)
            {
                return message + " First error: " + diagnostic;
            }
        }

        return message;
    }
}
