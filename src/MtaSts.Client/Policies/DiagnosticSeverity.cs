namespace MtaSts.Client.Policies;

/// <summary>Whether a diagnostic makes the parsed input unusable.</summary>
public enum DiagnosticSeverity
{
    /// <summary>A deviation that was tolerated; the input is still usable.</summary>
    Warning = 0,

    /// <summary>A deviation that makes the record or policy invalid.</summary>
    Error = 1,
}
