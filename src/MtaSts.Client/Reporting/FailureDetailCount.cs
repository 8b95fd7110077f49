using System;

namespace MtaSts.Client.Reporting;

/// <summary>One <c>failure-details</c> entry of a TLS report: a failure and how many sessions had it.</summary>
public sealed class FailureDetailCount
{
    /// <summary>Initializes a new instance of the <see cref="FailureDetailCount"/> class.</summary>
    /// <param name="detail">The failure.</param>
    /// <param name="failedSessionCount">The <c>failed-session-count</c>; zero or more.</param>
    /// <exception cref="ArgumentNullException"><paramref name="detail"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="failedSessionCount"/> is negative.</exception>
    public FailureDetailCount(FailureDetail detail, long failedSessionCount)
    {
        ArgumentNullException.ThrowIfNull(detail);
        ArgumentOutOfRangeException.ThrowIfNegative(failedSessionCount);

        Detail = detail;
        FailedSessionCount = failedSessionCount;
    }

    /// <summary>Gets the failure.</summary>
    public FailureDetail Detail { get; }

    /// <summary>Gets the number of sessions that had it.</summary>
    public long FailedSessionCount { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Detail}: {FailedSessionCount}";
}
