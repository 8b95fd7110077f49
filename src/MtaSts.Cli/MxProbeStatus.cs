namespace MtaSts.Cli;

/// <summary>What became of the step that connects to the MX hosts of the checked domain.</summary>
internal enum MxProbeStatus
{
    /// <summary><c>--no-probe</c> left the step out.</summary>
    Skipped,

    /// <summary>The step was asked for, but this version cannot probe MX hosts yet.</summary>
    NotAvailable,
}
