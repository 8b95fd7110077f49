namespace MtaSts.Client.MailKit;

/// <summary>What became of a message sent to one recipient domain.</summary>
public enum DeliveryOutcome
{
    /// <summary>An MX host took the message (<see cref="DeliveryResult.DeliveredVia"/>).</summary>
    Delivered,

    /// <summary>
    /// No MX host took it for now: all were unreachable, refused under the policy, or answered with a
    /// temporary failure. Keep the message queued and try again (RFC 5321 §4.5.4.1).
    /// </summary>
    Deferred,

    /// <summary>An MX host refused the message for good (a 5xx reply); do not try again.</summary>
    Rejected,

    /// <summary>The domain does not exist, or publishes a null MX (RFC 7505): it takes no mail.</summary>
    NoMailExchanger,

    /// <summary>
    /// DNS failed for now: the MX lookup, or the policy lookup when the resolver was told to defer
    /// (<see cref="Resolution.PolicyResolverOptions.DeferWhenDnsFails"/>). Try again later.
    /// </summary>
    DnsFailure,
}
