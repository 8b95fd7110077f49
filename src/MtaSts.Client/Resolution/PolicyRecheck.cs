using MtaSts.Client.Policies;

namespace MtaSts.Client.Resolution;

/// <summary>
/// What a fresh look at the <c>_mta-sts</c> record found before a message is failed permanently
/// (RFC 8461 §5.1 step 3): whether the policy that applies is no longer the one the failed
/// deliveries were refused under.
/// </summary>
public sealed class PolicyRecheck
{
    internal PolicyRecheck(PolicyResolution previous, PolicyResolution current)
    {
        Previous = previous;
        Current = current;
        HasChanged = !SamePolicy(previous.Applied, current.Applied);
    }

    /// <summary>Gets the resolution the deliveries were refused under.</summary>
    public PolicyResolution Previous { get; }

    /// <summary>Gets the resolution that applies now.</summary>
    public PolicyResolution Current { get; }

    /// <summary>
    /// Gets a value indicating whether another policy applies now (a new id fetched, the policy
    /// renewed or gone): the message must be tried again under <see cref="Current"/> before it
    /// may fail permanently. When <see langword="false"/>, the ordinary RFC 5321 rules decide.
    /// </summary>
    public bool HasChanged { get; }

    /// <inheritdoc/>
    public override string ToString() => HasChanged ? $"changed: {Current}" : $"unchanged: {Current}";

    private static bool SamePolicy(CachedPolicy? before, CachedPolicy? now) =>
        before is null
            ? now is null
            : now is not null
                && string.Equals(before.PolicyId, now.PolicyId, System.StringComparison.Ordinal)
                && before.FetchedAt == now.FetchedAt;
}
