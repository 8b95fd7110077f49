using System;
using System.Collections.Generic;
using System.Linq;

namespace MtaSts.Client.Reporting;

/// <summary>
/// One element of a TLS report's <c>policies</c> array (RFC 8460 §4.4): a policy, the summary of
/// the sessions made under it, and the failures they had.
/// </summary>
public sealed class PolicyResults
{
    /// <summary>Initializes a new instance of the <see cref="PolicyResults"/> class.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="successfulSessionCount">The <c>total-successful-session-count</c>; zero or more.</param>
    /// <param name="failedSessionCount">The <c>total-failure-session-count</c>; zero or more.</param>
    /// <param name="failureDetails">The <c>failure-details</c>.</param>
    /// <exception cref="ArgumentNullException">An argument or an element is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public PolicyResults(
        ReportPolicy policy,
        long successfulSessionCount,
        long failedSessionCount,
        IEnumerable<FailureDetailCount> failureDetails)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(failureDetails);
        ArgumentOutOfRangeException.ThrowIfNegative(successfulSessionCount);
        ArgumentOutOfRangeException.ThrowIfNegative(failedSessionCount);

        FailureDetailCount[] details = failureDetails.ToArray();
        if (Array.IndexOf(details, null) >= 0)
        {
            throw new ArgumentNullException(nameof(failureDetails), "An element is null.");
        }

        Policy = policy;
        SuccessfulSessionCount = successfulSessionCount;
        FailedSessionCount = failedSessionCount;
        FailureDetails = details;
    }

    /// <summary>Gets the policy.</summary>
    public ReportPolicy Policy { get; }

    /// <summary>Gets the number of sessions that negotiated policy-compliant TLS.</summary>
    public long SuccessfulSessionCount { get; }

    /// <summary>Gets the number of sessions that did not.</summary>
    public long FailedSessionCount { get; }

    /// <summary>Gets the failures; one session may count under several (RFC 8460 §4.4).</summary>
    public IReadOnlyList<FailureDetailCount> FailureDetails { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Policy}: {SuccessfulSessionCount} successful, {FailedSessionCount} failed, {FailureDetails.Count} details";
}
