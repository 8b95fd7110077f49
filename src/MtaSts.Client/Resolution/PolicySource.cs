namespace MtaSts.Client.Resolution;

/// <summary>Where the policy that applies to a delivery came from.</summary>
public enum PolicySource
{
    /// <summary>No policy applies: deliver as if the domain had no MTA-STS.</summary>
    None = 0,

    /// <summary>A policy fetched during this resolution.</summary>
    Fetched = 1,

    /// <summary>A policy fetched earlier that is still within its <c>max_age</c>.</summary>
    Cache = 2,
}
