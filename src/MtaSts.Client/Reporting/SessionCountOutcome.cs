namespace MtaSts.Client.Reporting;

/// <summary>How a report store counted a session.</summary>
public enum SessionCountOutcome
{
    /// <summary>Counted with every detail it has.</summary>
    Counted = 0,

    /// <summary>
    /// Counted, but a failure detail was new to a policy that already had the most distinct details
    /// a day may hold, so it was folded into an entry with only its result type.
    /// </summary>
    Folded = 1,

    /// <summary>
    /// Not counted: the Policy Domain already had the most distinct policies a day may hold.
    /// </summary>
    Dropped = 2,

    /// <summary>Not counted: the session delivered a TLS report (project decision 31).</summary>
    Ignored = 3,
}
