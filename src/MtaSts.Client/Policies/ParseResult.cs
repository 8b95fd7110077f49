using System;
using System.Collections.Generic;

namespace MtaSts.Client.Policies;

/// <summary>What a parser found in its input: the diagnostics, split into errors and warnings.</summary>
public abstract class ParseResult
{
    private protected ParseResult(ParsingProfile profile, IReadOnlyList<ParseDiagnostic> diagnostics)
    {
        Profile = profile;
        Diagnostics = diagnostics;

        if (diagnostics.Count == 0)
        {
            Errors = Array.Empty<ParseDiagnostic>();
            Warnings = Array.Empty<ParseDiagnostic>();
            return;
        }

        var errors = new List<ParseDiagnostic>();
        var warnings = new List<ParseDiagnostic>();
        foreach (ParseDiagnostic diagnostic in diagnostics)
        {
            (diagnostic.IsError ? errors : warnings).Add(diagnostic);
        }

        Errors = errors;
        Warnings = warnings;
    }

    /// <summary>Gets the profile the input was parsed with.</summary>
    public ParsingProfile Profile { get; }

    /// <summary>Gets every diagnostic in the order found (by line, then those about the whole input).</summary>
    public IReadOnlyList<ParseDiagnostic> Diagnostics { get; }

    /// <summary>Gets the diagnostics that make the input invalid.</summary>
    public IReadOnlyList<ParseDiagnostic> Errors { get; }

    /// <summary>Gets the diagnostics that were tolerated.</summary>
    public IReadOnlyList<ParseDiagnostic> Warnings { get; }
}
