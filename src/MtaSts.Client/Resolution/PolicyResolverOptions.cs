using System;
using System.Collections.Generic;

namespace MtaSts.Client.Resolution;

/// <summary>How the policy resolver caches and re-checks policies.</summary>
public sealed class PolicyResolverOptions
{
    /// <summary>
    /// Gets or sets the shortest time an answer about a domain's TXT record is reused before DNS
    /// is asked again.
    /// </summary>
    /// <value>One minute. Used as it is for answers without a TTL: no record, DNS failures.</value>
    public TimeSpan MinimumRecordCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets or sets the longest time a TXT answer is reused, whatever its TTL, so that a changed
    /// policy id is seen at least this often.
    /// </summary>
    /// <value>One hour.</value>
    public TimeSpan MaximumRecordCheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets how long a failed fetch of one policy id keeps that id from being fetched again.</summary>
    /// <value>Five minutes (RFC 8461 §3.3).</value>
    public TimeSpan FetchRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the deadline of one discovery, DNS and HTTPS together.</summary>
    /// <value>30 seconds.</value>
    public TimeSpan DiscoveryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets a value indicating whether a temporary DNS failure with nothing cached should
    /// defer delivery (<see cref="PolicyResolution.ShouldDefer"/>) rather than let it proceed as if
    /// the domain had no policy.
    /// </summary>
    /// <value><see langword="false"/>: proceed, as RFC 8461 reads literally.</value>
    public bool DeferWhenDnsFails { get; set; }

    /// <summary>Checks every setting and reports all problems at once.</summary>
    /// <exception cref="ArgumentException">One or more settings are out of range; the message names each.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (MinimumRecordCheckInterval <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(MinimumRecordCheckInterval)} must be positive.");
        }

        if (MaximumRecordCheckInterval < MinimumRecordCheckInterval)
        {
            problems.Add($"{nameof(MaximumRecordCheckInterval)} must not be below {nameof(MinimumRecordCheckInterval)}.");
        }

        if (FetchRetryDelay < TimeSpan.Zero)
        {
            problems.Add($"{nameof(FetchRetryDelay)} must not be negative.");
        }

        if (DiscoveryTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(DiscoveryTimeout)} must be positive.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid policy resolver options: " + string.Join(" ", problems));
        }
    }
}
