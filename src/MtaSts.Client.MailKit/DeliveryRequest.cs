using System;
using System.Collections.Generic;
using System.Linq;
using MimeKit;
using MtaSts.Client.Decision;
using MtaSts.Client.Policies;

namespace MtaSts.Client.MailKit;

/// <summary>
/// One message for one recipient domain, with its envelope and what decides how MTA-STS applies to it.
/// </summary>
internal sealed class DeliveryRequest
{
    private const string TlsRequiredHeader = "TLS-Required";

    private DeliveryRequest(
        MimeMessage message,
        PolicyDomain recipientDomain,
        PolicyDomain? policyDomain,
        string? smartHost,
        MailboxAddress sender,
        IReadOnlyList<MailboxAddress> recipients,
        DeliveryOptions options)
    {
        Message = message;
        RecipientDomain = recipientDomain;
        PolicyDomain = policyDomain;
        SmartHost = smartHost;
        Sender = sender;
        Recipients = recipients;
        RequireTls = options.RequireTls;
        IsFinalAttempt = options.IsFinalAttempt;
        HasTlsRequiredNo = CarriesTlsRequiredNo(message);
        Context = new MxCheckContext
        {
            TlsRequiredNo = HasTlsRequiredNo,
            RequireTls = options.RequireTls,
            IsReportDelivery = options.IsReportDelivery,
        };
    }

    public MimeMessage Message { get; }

    public PolicyDomain RecipientDomain { get; }

    /// <summary>
    /// Gets the domain whose policy applies; <see langword="null"/> when none can (a smart host given as an
    /// address).
    /// </summary>
    public PolicyDomain? PolicyDomain { get; }

    public string? SmartHost { get; }

    public MailboxAddress Sender { get; }

    public IReadOnlyList<MailboxAddress> Recipients { get; }

    public bool RequireTls { get; }

    public bool IsFinalAttempt { get; }

    public bool HasTlsRequiredNo { get; }

    public MxCheckContext Context { get; }

    /// <exception cref="ArgumentException">The domain, the smart host or the envelope cannot be used.</exception>
    public static DeliveryRequest Create(MimeMessage message, string recipientDomain, DeliveryOptions? options)
    {
        options ??= new DeliveryOptions();
        if (!Policies.PolicyDomain.TryCreate(recipientDomain, out PolicyDomain? domain))
        {
            throw new ArgumentException(
                $"'{recipientDomain}' is not a domain name; address literals are not delivered through MX hosts.",
                nameof(recipientDomain));
        }

        string? smartHost = options.SmartHost?.Trim().TrimEnd('.');
        if (smartHost is { Length: 0 })
        {
            throw new ArgumentException("The smart host is empty.", nameof(options));
        }

        // RFC 8461 §3.4: through a smart host, the smart host's domain is the Policy Domain.
        PolicyDomain? relay = null;
        PolicyDomain? policyDomain = options.PolicyDomain
            ?? (smartHost is null ? domain : Policies.PolicyDomain.TryCreate(smartHost, out relay) ? relay : null);

        MailboxAddress sender = options.Sender
            ?? message.Sender
            ?? message.From.Mailboxes.FirstOrDefault()
            ?? throw new ArgumentException(
                "The message has no Sender or From mailbox; give the envelope sender in the options.",
                nameof(message));

        MailboxAddress[] recipients = options.Recipients.Count > 0
            ? options.Recipients.ToArray()
            : message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes)
                .Where(mailbox => IsIn(mailbox, domain))
                .DistinctBy(mailbox => mailbox.Address, StringComparer.OrdinalIgnoreCase)
                .ToArray();
        if (recipients.Length == 0)
        {
            throw new ArgumentException($"The message has no recipient in {domain}.", nameof(message));
        }

        MailboxAddress? stranger = recipients.FirstOrDefault(mailbox => !IsIn(mailbox, domain));
        if (stranger is not null)
        {
            throw new ArgumentException($"The recipient {stranger.Address} is not in {domain}.", nameof(options));
        }

        return new DeliveryRequest(message, domain, policyDomain, smartHost, sender, recipients, options);
    }

    private static bool IsIn(MailboxAddress mailbox, PolicyDomain domain) =>
        Policies.PolicyDomain.TryCreate(mailbox.Domain, out PolicyDomain? own) && own.Equals(domain);

    /// <summary>
    /// Whether the message asks, with <c>TLS-Required: No</c> (RFC 8689 §5), that recipient policies be
    /// ignored.
    /// </summary>
    private static bool CarriesTlsRequiredNo(MimeMessage message)
    {
        string? value = message.Headers[TlsRequiredHeader];
        return value is not null && string.Equals(value.Trim(), "No", StringComparison.OrdinalIgnoreCase);
    }
}
