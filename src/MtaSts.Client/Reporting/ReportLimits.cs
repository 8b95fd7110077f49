using System;

namespace MtaSts.Client.Reporting;

/// <summary>
/// How much one day of one Policy Domain may hold in a report store, so that memory and report size
/// stay bounded whatever the peers do.
/// </summary>
public sealed class ReportLimits
{
    /// <summary>The default of <see cref="MaxFailureDetailsPerPolicy"/>.</summary>
    public const int DefaultMaxFailureDetailsPerPolicy = 1000;

    /// <summary>The default of <see cref="MaxPoliciesPerDay"/>.</summary>
    public const int DefaultMaxPoliciesPerDay = 32;

    /// <summary>Gets or sets how many distinct failure details one policy keeps per day.</summary>
    /// <value>
    /// 1,000 by default. Past it, a session with a new detail is still counted, under an entry that
    /// keeps only the result type (<see cref="SessionCountOutcome.Folded"/>), so no session is lost
    /// and at most eleven entries are added.
    /// </value>
    public int MaxFailureDetailsPerPolicy { get; set; } = DefaultMaxFailureDetailsPerPolicy;

    /// <summary>Gets or sets how many distinct policies one Policy Domain keeps per day.</summary>
    /// <value>
    /// 32 by default. A domain changes its policy a few times a day at most; past the limit, sessions
    /// under yet another policy are not counted (<see cref="SessionCountOutcome.Dropped"/>).
    /// </value>
    public int MaxPoliciesPerDay { get; set; } = DefaultMaxPoliciesPerDay;

    /// <summary>Checks every setting and reports all problems at once.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names each.</exception>
    public void Validate()
    {
        string problems = string.Empty;
        if (MaxFailureDetailsPerPolicy < 1)
        {
            problems += $" {nameof(MaxFailureDetailsPerPolicy)} must be at least 1 (was {MaxFailureDetailsPerPolicy}).";
        }

        if (MaxPoliciesPerDay < 1)
        {
            problems += $" {nameof(MaxPoliciesPerDay)} must be at least 1 (was {MaxPoliciesPerDay}).";
        }

        if (problems.Length > 0)
        {
            throw new ArgumentException("The report limits are invalid:" + problems);
        }
    }

    internal ReportLimits Copy() => new()
    {
        MaxFailureDetailsPerPolicy = MaxFailureDetailsPerPolicy,
        MaxPoliciesPerDay = MaxPoliciesPerDay,
    };
}
