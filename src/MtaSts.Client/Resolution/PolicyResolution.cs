using System.Diagnostics.CodeAnalysis;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Resolution;

/// <summary>
/// The MTA-STS policy that applies to deliveries to a Policy Domain right now, where it came from,
/// and what discovery ran into on the way (for logs and RFC 8460 reports).
/// </summary>
public sealed class PolicyResolution
{
    internal PolicyResolution(
        PolicyDomain domain,
        CachedPolicy? applied,
        PolicySource source,
        ResolutionReason reason,
        RecordDiscoveryResult? record,
        PolicyFetchResult? fetchFailure,
        bool shouldDefer = false)
    {
        Domain = domain;
        Applied = applied;
        Source = source;
        Reason = reason;
        Record = record;
        FetchFailure = fetchFailure;
        ShouldDefer = shouldDefer;
    }

    /// <summary>Gets the Policy Domain.</summary>
    public PolicyDomain Domain { get; }

    /// <summary>Gets the policy that applies with its id and fetch time, or <see langword="null"/> when none does.</summary>
    public CachedPolicy? Applied { get; }

    /// <summary>Gets the policy that applies, or <see langword="null"/> when none does.</summary>
    public MtaStsPolicy? Policy => Applied?.Policy;

    /// <summary>Gets a value indicating whether a policy applies (possibly one in mode <c>none</c>).</summary>
    [MemberNotNullWhen(true, nameof(Applied), nameof(Policy))]
    public bool HasPolicy => Applied is not null;

    /// <summary>Gets where the policy came from.</summary>
    public PolicySource Source { get; }

    /// <summary>Gets which rule of the RFC 8461 §5.1 cache table decided.</summary>
    public ResolutionReason Reason { get; }

    /// <summary>Gets what the TXT lookup of this resolution found, or <see langword="null"/> when DNS was not asked.</summary>
    public RecordDiscoveryResult? Record { get; }

    /// <summary>
    /// Gets the failed policy fetch of this resolution, or of the recent one that is not retried yet;
    /// <see langword="null"/> when no fetch failed. Its result type is what an RFC 8460 report records.
    /// </summary>
    public PolicyFetchResult? FetchFailure { get; }

    /// <summary>
    /// Gets a value indicating whether the caller asked to defer delivery when DNS fails and no
    /// policy is cached (<see cref="PolicyResolverOptions.DeferWhenDnsFails"/>), and that happened.
    /// </summary>
    public bool ShouldDefer { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        HasPolicy
            ? $"{Domain}: {Policy.Mode.ToPolicyValue()} policy id {Applied.PolicyId} from {Source} ({Reason})"
            : $"{Domain}: no policy ({Reason})";
}
