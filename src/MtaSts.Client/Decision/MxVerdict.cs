namespace MtaSts.Client.Decision;

/// <summary>What the sender may do with one MX host, as RFC 8461 §4 and §5 decide it.</summary>
public enum MxVerdict
{
    /// <summary>
    /// No MTA-STS policy applies (none found, or mode <c>none</c>): deliver as the sender would
    /// without MTA-STS.
    /// </summary>
    NoPolicy,

    /// <summary>The MX host meets the policy: deliver over the validated TLS session.</summary>
    Deliver,

    /// <summary>
    /// The MX host fails the policy, but the mode is <c>testing</c> or the message carries
    /// <c>TLS-Required: No</c>: deliver, and count the failure in the RFC 8460 report.
    /// </summary>
    DeliverAndReport,

    /// <summary>
    /// The MX host fails an <c>enforce</c> policy (or a DANE check): do not deliver to it, treat it as
    /// temporarily unreachable and try the next MX host (RFC 8461 §8.4).
    /// </summary>
    Refuse,
}
