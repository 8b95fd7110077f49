using System;
using System.Collections.Generic;

namespace MtaSts.Client.Resolution;

/// <summary>How the background refresh renews cached policies ahead of their expiry (RFC 8461 §3.3).</summary>
public sealed class PolicyRefreshOptions
{
    /// <summary>Gets or sets how often the cache is looked through.</summary>
    /// <value>One hour.</value>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets how old a fetch must be for its policy to be renewed.</summary>
    /// <value>One day, as RFC 8461 §3.3 suggests for a daily refresh.</value>
    public TimeSpan OlderThan { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Checks every setting and reports all problems at once.</summary>
    /// <exception cref="ArgumentException">One or more settings are out of range; the message names each.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (Interval <= TimeSpan.Zero || Interval.TotalMilliseconds > uint.MaxValue - 1)
        {
            problems.Add($"{nameof(Interval)} is {Interval}; it must be more than zero and under 49 days.");
        }

        if (OlderThan < TimeSpan.Zero)
        {
            problems.Add($"{nameof(OlderThan)} is {OlderThan}; it must not be negative.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("The policy refresh options are invalid: " + string.Join(" ", problems));
        }
    }
}
