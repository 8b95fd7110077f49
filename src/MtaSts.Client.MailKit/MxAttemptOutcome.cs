namespace MtaSts.Client.MailKit;

/// <summary>What happened at one MX host.</summary>
public enum MxAttemptOutcome
{
    /// <summary>
    /// No SMTP session could be held: no address, no TCP connection, the session broke, the client's
    /// own certificate callback refused, or the server would not serve. Not an MTA-STS failure.
    /// </summary>
    Unreachable,

    /// <summary>
    /// The policy refused the MX host (<see cref="MxAttempt.Decision"/>): it was treated as
    /// unreachable and the next one was tried (RFC 8461 §8.4). Nothing was sent to it.
    /// </summary>
    Refused,

    /// <summary>The MX host took the message.</summary>
    Delivered,

    /// <summary>The MX host refused the message for good (a 5xx reply in <see cref="MxAttempt.Response"/>).</summary>
    Rejected,

    /// <summary>The MX host answered with a temporary failure (a 4xx reply), so the next one was tried.</summary>
    Deferred,
}
