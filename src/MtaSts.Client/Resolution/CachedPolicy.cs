using System;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Resolution;

/// <summary>A policy as the cache holds it: what was fetched for a Policy Domain, under which id, and when.</summary>
public sealed class CachedPolicy
{
    /// <summary>Initializes a new instance of the <see cref="CachedPolicy"/> class.</summary>
    /// <param name="domain">The Policy Domain the policy was fetched for.</param>
    /// <param name="policyId">The <c>id</c> of the TXT record that announced it.</param>
    /// <param name="policy">The policy.</param>
    /// <param name="fetchedAt">When it was fetched; <c>max_age</c> counts from here.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public CachedPolicy(PolicyDomain domain, string policyId, MtaStsPolicy policy, DateTimeOffset fetchedAt)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(policyId);
        ArgumentNullException.ThrowIfNull(policy);

        Domain = domain;
        PolicyId = policyId;
        Policy = policy;
        FetchedAt = fetchedAt;
    }

    /// <summary>Gets the Policy Domain the policy was fetched for.</summary>
    public PolicyDomain Domain { get; }

    /// <summary>Gets the <c>id</c> of the TXT record that announced the policy.</summary>
    public string PolicyId { get; }

    /// <summary>Gets the policy.</summary>
    public MtaStsPolicy Policy { get; }

    /// <summary>Gets when the policy was fetched.</summary>
    public DateTimeOffset FetchedAt { get; }

    /// <summary>Gets the last instant at which the policy still applies.</summary>
    public DateTimeOffset ExpiresAt => FetchedAt + Policy.MaxAge;

    /// <summary>
    /// Whether the policy still applies at <paramref name="now"/>: its age has not exceeded
    /// <c>max_age</c> (RFC 8461 §5.1), so a policy with <c>max_age: 0</c> applies only at the instant
    /// it was fetched.
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <returns><see langword="true"/> while the policy is valid.</returns>
    public bool IsValidAt(DateTimeOffset now) => now <= ExpiresAt;
}
