using System;
using System.Collections.Generic;
using System.Linq;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;

namespace MtaSts.Client.Reporting;

/// <summary>
/// The policy a session was made under, as a TLS report describes it (RFC 8460 §4.4, the
/// <c>policy</c> object): its type, Policy Domain, the policy as received, and its MX patterns.
/// Immutable; two equal policies are one entry of a report.
/// </summary>
public sealed class ReportPolicy : IEquatable<ReportPolicy>
{
    private readonly int _hashCode;

    /// <summary>Initializes a new instance of the <see cref="ReportPolicy"/> class.</summary>
    /// <param name="policyType">One of <see cref="PolicyTypes"/>.</param>
    /// <param name="policyDomain">The Policy Domain (for <c>tlsa</c>, the TLSA base domain).</param>
    /// <param name="policyStrings">
    /// The policy as received: for <c>sts</c> one string per line of the policy file, for <c>tlsa</c>
    /// one string per TLSA record; empty for <c>no-policy-found</c>.
    /// </param>
    /// <param name="mxHosts">The <c>mx</c> patterns of an <c>sts</c> policy; empty otherwise.</param>
    /// <exception cref="ArgumentNullException">An argument or an element is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="policyType"/> is not one of <see cref="PolicyTypes"/>.</exception>
    public ReportPolicy(
        string policyType,
        PolicyDomain policyDomain,
        IEnumerable<string> policyStrings,
        IEnumerable<string> mxHosts)
    {
        ArgumentNullException.ThrowIfNull(policyType);
        ArgumentNullException.ThrowIfNull(policyDomain);
        ArgumentNullException.ThrowIfNull(policyStrings);
        ArgumentNullException.ThrowIfNull(mxHosts);
        if (!PolicyTypes.IsDefined(policyType))
        {
            throw new ArgumentException(
                $"'{policyType}' is not a policy type; use 'sts', 'tlsa' or 'no-policy-found'.", nameof(policyType));
        }

        PolicyType = policyType;
        PolicyDomain = policyDomain;
        PolicyStrings = Copy(policyStrings, nameof(policyStrings));
        MxHosts = Copy(mxHosts, nameof(mxHosts));

        var hash = new HashCode();
        hash.Add(PolicyType, StringComparer.Ordinal);
        hash.Add(PolicyDomain);
        foreach (string line in PolicyStrings)
        {
            hash.Add(line, StringComparer.Ordinal);
        }

        foreach (string mx in MxHosts)
        {
            hash.Add(mx, StringComparer.Ordinal);
        }

        _hashCode = hash.ToHashCode();
    }

    /// <summary>Gets the <c>policy-type</c>: <c>sts</c>, <c>tlsa</c> or <c>no-policy-found</c>.</summary>
    public string PolicyType { get; }

    /// <summary>Gets the <c>policy-domain</c>, in A-labels.</summary>
    public PolicyDomain PolicyDomain { get; }

    /// <summary>Gets the <c>policy-string</c> lines, as received.</summary>
    public IReadOnlyList<string> PolicyStrings { get; }

    /// <summary>Gets the <c>mx-host</c> patterns.</summary>
    public IReadOnlyList<string> MxHosts { get; }

    /// <summary>The <c>no-policy-found</c> policy of a domain: no MTA-STS or DANE policy applied.</summary>
    /// <param name="policyDomain">The Policy Domain.</param>
    /// <returns>The policy, with no strings and no MX patterns.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policyDomain"/> is null.</exception>
    public static ReportPolicy NoPolicyFound(PolicyDomain policyDomain) =>
        new(PolicyTypes.NoPolicyFound, policyDomain, Array.Empty<string>(), Array.Empty<string>());

    /// <summary>
    /// The <c>sts</c> policy of a domain: the policy file's lines as received (errors included) and
    /// its usable <c>mx</c> patterns.
    /// </summary>
    /// <param name="policyDomain">The Policy Domain.</param>
    /// <param name="policy">The MTA-STS policy that applied.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ReportPolicy Sts(PolicyDomain policyDomain, MtaStsPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);

        return new ReportPolicy(PolicyTypes.Sts, policyDomain, policy.Lines,
            policy.MxPatterns.Select(pattern => pattern.Value));
    }

    /// <summary>
    /// The policy a resolution amounts to in a report. An <c>enforce</c> or <c>testing</c> policy is
    /// <c>sts</c>. A policy in mode <c>none</c> is <c>no-policy-found</c> (project decision 27). No
    /// policy is <c>no-policy-found</c>, except when a valid TXT record announced a policy that
    /// could not be fetched: that failure is about an MTA-STS policy (RFC 8461 §6), so it is
    /// <c>sts</c> with no policy strings and no MX patterns.
    /// </summary>
    /// <param name="resolution">What the resolver said applies.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="resolution"/> is null.</exception>
    public static ReportPolicy FromResolution(PolicyResolution resolution)
    {
        ArgumentNullException.ThrowIfNull(resolution);

        if (resolution.Policy is { } policy)
        {
            return policy.Mode == PolicyMode.None
                ? NoPolicyFound(resolution.Domain)
                : Sts(resolution.Domain, policy);
        }

        return resolution.FetchFailure is not null && resolution.Record?.IsFound == true
            ? new ReportPolicy(PolicyTypes.Sts, resolution.Domain, Array.Empty<string>(), Array.Empty<string>())
            : NoPolicyFound(resolution.Domain);
    }

    /// <inheritdoc/>
    public bool Equals(ReportPolicy? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (_hashCode == other._hashCode
                && string.Equals(PolicyType, other.PolicyType, StringComparison.Ordinal)
                && PolicyDomain.Equals(other.PolicyDomain)
                && PolicyStrings.SequenceEqual(other.PolicyStrings, StringComparer.Ordinal)
                && MxHosts.SequenceEqual(other.MxHosts, StringComparer.Ordinal)));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ReportPolicy);

    /// <inheritdoc/>
    public override int GetHashCode() => _hashCode;

    /// <inheritdoc/>
    public override string ToString() => $"{PolicyType} {PolicyDomain} ({PolicyStrings.Count} lines)";

    private static string[] Copy(IEnumerable<string> values, string name)
    {
        string[] copy = values.ToArray();
        if (Array.IndexOf(copy, null) >= 0)
        {
            throw new ArgumentNullException(name, "An element is null.");
        }

        return copy;
    }
}
