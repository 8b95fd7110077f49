namespace MtaSts.Cli;

/// <summary>The exit codes of every command, which scripts and CI jobs rely on.</summary>
internal static class ExitCodes
{
    /// <summary>The input is valid (warnings allowed).</summary>
    public const int Valid = 0;

    /// <summary>The input is invalid under the chosen profile.</summary>
    public const int Invalid = 1;

    /// <summary>The command line was wrong or the input could not be read.</summary>
    public const int Usage = 2;

    /// <summary><c>mtasts check</c> ran, whatever it found: the verdict is in the report.</summary>
    public const int Checked = 0;

    /// <summary><c>mtasts check</c> could ask nothing: no DNS server answered, in time or at all.</summary>
    public const int NoAnswer = 3;

    /// <summary>The command was interrupted (Ctrl+C, SIGTERM) before it finished: no verdict.</summary>
    public const int Interrupted = 130;
}
