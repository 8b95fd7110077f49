using System.Collections.Generic;
using MimeKit;
using MtaSts.Client.Policies;

namespace MtaSts.Client.MailKit;

/// <summary>
/// What one call of <see cref="MtaStsSmtpSender.SendAsync"/> needs beyond the message and the recipient
/// domain.
/// </summary>
public sealed class DeliveryOptions
{
    /// <summary>
    /// Gets or sets the smart host to relay through instead of the recipient domain's MX hosts: it is
    /// the one host connected to (no MX lookup), and its name is what the policy must list.
    /// </summary>
    /// <value><see langword="null"/>: deliver to the recipient domain's MX hosts.</value>
    public string? SmartHost { get; set; }

    /// <summary>Gets or sets the Policy Domain whose policy applies, when it is not the usual one.</summary>
    /// <value>
    /// <see langword="null"/>: the smart host's name when there is one (RFC 8461 §3.4), otherwise the
    /// recipient domain.
    /// </value>
    public PolicyDomain? PolicyDomain { get; set; }

    /// <summary>Gets or sets the envelope sender (MAIL FROM).</summary>
    /// <value><see langword="null"/>: the message's <c>Sender</c>, or else its first <c>From</c> mailbox.</value>
    public MailboxAddress? Sender { get; set; }

    /// <summary>Gets the envelope recipients (RCPT TO); all must be in the recipient domain.</summary>
    /// <value>
    /// Empty: every <c>To</c>, <c>Cc</c> and <c>Bcc</c> mailbox of the message in the recipient domain.
    /// </value>
    public IList<MailboxAddress> Recipients { get; } = new List<MailboxAddress>();

    /// <summary>
    /// Gets or sets a value indicating whether the message is sent with <c>REQUIRETLS</c> (RFC 8689):
    /// the client asks for it where the server offers it, and a <c>TLS-Required: No</c> header counts
    /// for nothing.
    /// </summary>
    /// <value><see langword="false"/>.</value>
    public bool RequireTls { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the message is an RFC 8460 report, which is delivered
    /// despite MTA-STS failures (RFC 8460 §3) and is not counted in reports.
    /// </summary>
    /// <value><see langword="false"/>.</value>
    public bool IsReportDelivery { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether this is the last attempt before the message would be
    /// failed permanently: when MX hosts were refused under the policy and none took the message,
    /// the policy is re-checked at once (<see cref="MtaStsSmtpSender.RecheckAsync"/>, RFC 8461 §5.1
    /// step 3) and, if it changed, the MX hosts are tried once more.
    /// </summary>
    /// <value><see langword="false"/>: the result says when the re-check is due.</value>
    public bool IsFinalAttempt { get; set; }
}
