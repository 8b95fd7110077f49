using System;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using MtaSts.Client.Reporting;

namespace MtaSts.Client.MailKit;

/// <summary>
/// Mails TLS reports to <c>mailto:</c> destinations (RFC 8460 §5.3) with MimeKit, through an
/// <see cref="MtaStsSmtpSender"/>: a <c>multipart/report; report-type="tlsrpt"</c> message with a
/// text part, the gzip report attached under its RFC 8460 §5.1 file name, the headers
/// <c>TLS-Report-Domain</c> and <c>TLS-Report-Submitter</c>, the Subject of
/// <see cref="TlsReportPayload.Subject"/>, and a DKIM signature when a key is configured.
/// </summary>
/// <remarks>
/// <para>
/// Reports go as report deliveries (<see cref="DeliveryOptions.IsReportDelivery"/>): an MX host that
/// fails the recipient domain's MTA-STS policy still gets the report (RFC 8460 §3), and the decisions
/// are marked so that a <see cref="TlsReportRecorder"/> never counts those sessions (project decision 31).
/// </para>
/// <para>
/// The submitter domain, the <c>From</c> address and the DKIM domain are checked against each other
/// when the mailer is created, and every report against the submitter domain when it is sent. Safe
/// for concurrent use. Register it for <see cref="TlsReportScheduler"/> with <c>AddMtaStsReportMail</c>.
/// </para>
/// </remarks>
public sealed partial class TlsReportMailer : ITlsReportMailer
{
    private readonly MtaStsSmtpSender _sender;
    private readonly MailboxAddress? _from;
    private readonly ReportDkimSigner? _signer;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="TlsReportMailer"/> class.</summary>
    /// <param name="sender">Sends the messages; its resolver decides the policy of each recipient domain.</param>
    /// <param name="options">The submitter domain, the sender address and the DKIM key; validated here.</param>
    /// <param name="timeProvider">
    /// The clock of the <c>Date</c> header and the signature time; <see langword="null"/> for the system clock.
    /// </param>
    /// <param name="logger">Where sent reports are logged; <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentNullException">
    /// <paramref name="sender"/> or <paramref name="options"/> is null.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="options"/> is invalid: no submitter domain, a <c>From</c> or DKIM domain outside it,
    /// or a DKIM key that cannot be read or used; the message names each problem.
    /// </exception>
    public TlsReportMailer(
        MtaStsSmtpSender sender,
        TlsReportMailOptions options,
        TimeProvider? timeProvider = null,
        ILogger<TlsReportMailer>? logger = null)
        : this(Given(sender), options, contactInfo: null, timeProvider, logger)
    {
    }

    /// <summary>
    /// A mailer whose options are also checked against the <c>contact-info</c> the reports carry, and
    /// whose sender is made once they are valid, with their <see cref="TlsReportMailOptions.Smtp"/>.
    /// </summary>
    internal TlsReportMailer(
        Func<MtaStsSenderOptions, MtaStsSmtpSender> createSender,
        TlsReportMailOptions options,
        string? contactInfo,
        TimeProvider? timeProvider,
        ILogger<TlsReportMailer>? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options = options.Clone();
        _time = timeProvider ?? TimeProvider.System;
        _signer = options.Validate(contactInfo, _time);

        _sender = createSender(options.Smtp);
        SubmitterDomain = options.EffectiveSubmitterDomain(contactInfo)!;
        _from = options.From is null ? null : DomainNames.OfAddress(options.From)!.Value.Mailbox;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        if (_signer is null)
        {
            Log.Unsigned(_logger, SubmitterDomain);
        }
    }

    /// <summary>Gets the submitter domain, in A-labels: every report mailed must be of this submitter.</summary>
    public string SubmitterDomain { get; }

    /// <summary>Gets a value indicating whether messages are DKIM-signed.</summary>
    public bool IsSigned => _signer is not null;

    /// <summary>
    /// Builds, and signs when a key is configured, the message that carries one report to one address,
    /// for sending it with a transport of one's own. Sending must not change it, or the signature breaks.
    /// </summary>
    /// <param name="destination">A <c>mailto:</c> destination; its address is the recipient.</param>
    /// <param name="payload">The report.</param>
    /// <returns>The message, 7-bit clean, with a new <c>Message-ID</c> in the submitter domain.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="destination"/> is not a <c>mailto:</c> destination with an address MimeKit can
    /// write, or <paramref name="payload"/> is the report of another submitter (its <c>contact-info</c>
    /// is not in <see cref="SubmitterDomain"/>), or that <c>contact-info</c> is not an address.
    /// </exception>
    public MimeMessage CreateMessage(ReportDestination destination, TlsReportPayload payload)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(payload);
        if (!TryGetRecipient(destination, out MailboxAddress? to, out string? problem))
        {
            throw new ArgumentException(problem, nameof(destination));
        }

        return Create(to, payload);
    }

    /// <summary>
    /// Mails one report to one address and returns what became of it at each MX host, as a report
    /// delivery: each decision has <see cref="Decision.MxDecision.IsReportDelivery"/> set, so that
    /// <see cref="Reporting.SessionResult.FromDecision"/> marks the session and the recorder ignores it.
    /// </summary>
    /// <param name="destination">A <c>mailto:</c> destination.</param>
    /// <param name="payload">The report.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>The delivery result of <see cref="MtaStsSmtpSender.SendAsync"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">As for <see cref="CreateMessage"/>.</exception>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellationToken"/> was canceled.
    /// </exception>
    public Task<DeliveryResult> DeliverAsync(
        ReportDestination destination,
        TlsReportPayload payload,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(payload);
        if (!TryGetRecipient(destination, out MailboxAddress? to, out string? problem))
        {
            throw new ArgumentException(problem, nameof(destination));
        }

        return DeliverAsync(to, payload, cancellationToken);
    }

    /// <inheritdoc/>
    /// <returns>
    /// Delivered once an MX host took the message; failed, with the sender's reason, when none did or
    /// the destination's address cannot be mailed to.
    /// </returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="destination"/> is an <c>https:</c> destination, or <paramref name="payload"/> is
    /// the report of another submitter.
    /// </exception>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellationToken"/> was canceled.
    /// </exception>
    public async Task<ReportDeliveryResult> SendAsync(
        ReportDestination destination,
        TlsReportPayload payload,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(payload);
        if (destination.IsHttps)
        {
            throw new ArgumentException($"'{destination}' is not a mailto: destination.", nameof(destination));
        }

        // The address comes from the policy domain's DNS: one that cannot be mailed is a failed delivery.
        if (!TryGetRecipient(destination, out MailboxAddress? to, out string? problem))
        {
            return ReportDeliveryResult.Failed(problem);
        }

        DeliveryResult result = await DeliverAsync(to, payload, cancellationToken).ConfigureAwait(false);
        return result.Outcome == DeliveryOutcome.Delivered
            ? ReportDeliveryResult.Delivered(result.Reason)
            : ReportDeliveryResult.Failed($"{result.Outcome} ({result.EnhancedStatusCode}): {result.Reason}");
    }

    private async Task<DeliveryResult> DeliverAsync(
        MailboxAddress to,
        TlsReportPayload payload,
        CancellationToken cancellationToken)
    {
        MimeMessage message = Create(to, payload);
        var options = new DeliveryOptions
        {
            IsReportDelivery = true,
            Sender = (MailboxAddress)message.From[0],
            Recipients = { to },
        };
        DeliveryResult result = await _sender.SendAsync(message, to.Domain, options, cancellationToken)
            .ConfigureAwait(false);
        Log.Mailed(_logger, payload.Report.ReportId, to.Address, result.Outcome, result.Reason);
        return result;
    }

    private MimeMessage Create(MailboxAddress to, TlsReportPayload payload)
    {
        if (!string.Equals(payload.SubmitterDomain, SubmitterDomain, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The report's contact-info '{payload.Report.ContactInfo}' is not in the submitter domain "
                + $"'{SubmitterDomain}'; TLS-Report-Submitter must be the contact-info domain (RFC 8460 §5.3).",
                nameof(payload));
        }

        MailboxAddress from = _from ?? ContactMailbox(payload);
        MimeMessage message = TlsReportMessage.Create(payload, from, to, _time.GetUtcNow());
        _signer?.Sign(message);
        return message;
    }

    private static Func<MtaStsSenderOptions, MtaStsSmtpSender> Given(MtaStsSmtpSender sender)
    {
        ArgumentNullException.ThrowIfNull(sender);

        return _ => sender;
    }

    private static MailboxAddress ContactMailbox(TlsReportPayload payload)
    {
        TlsReport report = payload.Report;
        if (DomainNames.OfAddress(report.ContactInfo) is not { } contact)
        {
            throw new ArgumentException(
                $"The report's contact-info '{report.ContactInfo}' is not an address a message can come from; "
                + $"set {nameof(TlsReportMailOptions)}.{nameof(TlsReportMailOptions.From)}.", nameof(payload));
        }

        return new MailboxAddress(report.OrganizationName, contact.Mailbox.Address);
    }

    private static bool TryGetRecipient(
        ReportDestination destination,
        [NotNullWhen(true)] out MailboxAddress? to,
        [NotNullWhen(false)] out string? problem)
    {
        to = null;
        if (destination.MailAddress is not { } address)
        {
            problem = $"'{destination}' is not a mailto: destination.";
            return false;
        }

        if (DomainNames.OfAddress(address) is not { } recipient || recipient.Mailbox.Name is { Length: > 0 })
        {
            problem = $"'{address}' of '{destination}' is not an address a message can be sent to.";
            return false;
        }

        problem = null;
        to = recipient.Mailbox;
        return true;
    }
}
