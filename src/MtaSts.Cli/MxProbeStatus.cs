namespace MtaSts.Cli;

/// <summary>What became of the step that connects to the MX hosts of the checked domain.</summary>
internal enum MxProbeStatus
{
    /// <summary><c>--no-probe</c> left the step out.</summary>
    Skipped,

    /// <summary>The MX hosts were looked up, and each one found was probed.</summary>
    Probed,
}
