using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using MtaSts.Client.Decision;
using MtaSts.Client.Discovery;
using MtaSts.Client.Resolution;

namespace MtaSts.Client.MailKit;

/// <summary>
/// Sends a message with MailKit to the MX hosts of one recipient domain under its MTA-STS policy
/// (RFC 8461 §5): hosts are tried in preference order, each at the addresses the
/// <see cref="MtaStsDnsClient"/> finds, with STARTTLS required where the policy would refuse the host
/// without it, and a host the policy refuses is treated as unreachable (§8.4).
/// </summary>
/// <remarks>
/// <para>
/// Under <c>enforce</c> a host that lacks STARTTLS, fails the handshake or presents a certificate
/// that does not validate is never sent anything, and never retried in plaintext. Under
/// <c>testing</c>, with no policy, for a message carrying <c>TLS-Required: No</c> (RFC 8689) or
/// for an RFC 8460 report, STARTTLS is used when offered, failures are recorded in the decision for
/// a report, and a failed handshake is retried in plaintext on the same address.
/// </para>
/// <para>
/// MailKit never resolves a name here: the sender opens the TCP connection itself and hands it to
/// MailKit with the MX host name, which is the SNI, the name the certificate must carry, and the
/// name matched against the policy. The policy decides per host: a host it refuses at one address is
/// not tried at its others. Safe for concurrent use; each message gets its own connections.
/// </para>
/// </remarks>
public sealed partial class MtaStsSmtpSender
{
    private readonly MtaStsPolicyResolver _resolver;
    private readonly MtaStsDnsClient _dns;
    private readonly MxChecker _checker;
    private readonly MtaStsSenderOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="MtaStsSmtpSender"/> class.</summary>
    /// <param name="resolver">Resolves the policy that applies to the Policy Domain.</param>
    /// <param name="dns">
    /// Finds MX hosts and their addresses; the resolver's own client, so that one resolver answers
    /// everything.
    /// </param>
    /// <param name="checker">
    /// Checks MX certificates; <see langword="null"/> for <see cref="MxChecker.Default"/>.
    /// </param>
    /// <param name="options">Port, timeout and client settings; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">
    /// The clock of the connect timeout; <see langword="null"/> for the system clock.
    /// </param>
    /// <param name="logger">Where each MX host's outcome is logged; <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentNullException">
    /// <paramref name="resolver"/> or <paramref name="dns"/> is null.
    /// </exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid.</exception>
    public MtaStsSmtpSender(
        MtaStsPolicyResolver resolver,
        MtaStsDnsClient dns,
        MxChecker? checker = null,
        MtaStsSenderOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<MtaStsSmtpSender>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(dns);
        options = options?.Clone() ?? new MtaStsSenderOptions();
        options.Validate();

        _resolver = resolver;
        _dns = dns;
        _checker = checker ?? MxChecker.Default;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Sends a message to its recipients in one domain, through that domain's MX hosts or a smart host.
    /// </summary>
    /// <param name="message">The message; its <c>TLS-Required</c> header is honoured.</param>
    /// <param name="recipientDomain">The recipient domain, in A-labels or U-labels.</param>
    /// <param name="options">
    /// The envelope, a smart host, and how MTA-STS applies; <see langword="null"/> for the defaults.
    /// </param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>What became of the message, and what happened at each MX host.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="recipientDomain"/> is not a domain name, the message has no sender or no
    /// recipient in the domain, or a recipient given in the options is not in it.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public async Task<DeliveryResult> SendAsync(
        MimeMessage message,
        string recipientDomain,
        DeliveryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(recipientDomain);
        DeliveryRequest request = DeliveryRequest.Create(message, recipientDomain, options);

        PolicyResolution? resolution = request.PolicyDomain is null
            ? null
            : await _resolver.ResolveAsync(request.PolicyDomain, cancellationToken).ConfigureAwait(false);
        if (resolution is { ShouldDefer: true })
        {
            return Finish(request, DeliveryOutcome.DnsFailure, EnhancedStatusCodes.DnsFailure,
                $"DNS did not answer for {resolution.Domain.RecordName}, so whether a policy applies is unknown.",
                resolution, null, [], [], null);
        }

        MxLookupResult? lookup = null;
        IReadOnlyList<MxHostRecord> hosts;
        if (request.SmartHost is { } smartHost)
        {
            hosts = [new MxHostRecord(smartHost, 0)];
        }
        else
        {
            lookup = await _dns.ResolveMxAsync(request.RecipientDomain.Name, cancellationToken)
                .ConfigureAwait(false);
            hosts = lookup.Hosts;
            if (lookup.Outcome != MxLookupOutcome.Found || hosts.Count == 0)
            {
                (DeliveryOutcome outcome, string code) = lookup.Outcome switch
                {
                    MxLookupOutcome.DnsFailure => (DeliveryOutcome.DnsFailure, EnhancedStatusCodes.DnsFailure),
                    MxLookupOutcome.NullMx => (DeliveryOutcome.NoMailExchanger, EnhancedStatusCodes.NullMx),
                    _ => (DeliveryOutcome.NoMailExchanger, EnhancedStatusCodes.NoSuchDomain),
                };
                return Finish(request, outcome, code, lookup.Reason, resolution, lookup, hosts, [], null);
            }
        }

        DeliveryResult result = await WalkAsync(request, resolution, lookup, hosts, [], null, cancellationToken)
            .ConfigureAwait(false);
        return result.RecheckRequired && request.IsFinalAttempt
            ? await RecheckAsync(result, cancellationToken).ConfigureAwait(false)
            : result;
    }

    /// <summary>
    /// Does what RFC 8461 §5.1 step 3 requires before a message refused under the policy is failed
    /// permanently: looks at the <c>_mta-sts</c> record again and, if another policy applies now,
    /// tries the MX hosts once more under it.
    /// </summary>
    /// <param name="result">
    /// A result whose <see cref="DeliveryResult.RecheckRequired"/> is <see langword="true"/>.
    /// </param>
    /// <param name="cancellationToken">Cancels the re-check and the delivery.</param>
    /// <returns>
    /// <paramref name="result"/> itself when no re-check is required; otherwise the result with the
    /// re-check in <see cref="DeliveryResult.Recheck"/>: the same outcome when the policy is unchanged
    /// (the message may then fail permanently under the ordinary rules), or the outcome of the second
    /// walk, whose attempts follow the first's.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public async Task<DeliveryResult> RecheckAsync(
        DeliveryResult result,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.RecheckRequired || result.Resolution is not { } previous)
        {
            return result;
        }

        PolicyRecheck recheck = await _resolver.RecheckAsync(previous, cancellationToken).ConfigureAwait(false);
        Log.Rechecked(_logger, previous.Domain, recheck.HasChanged, recheck.Current.Applied?.PolicyId);
        if (!recheck.HasChanged)
        {
            return result.WithRecheck(recheck,
                $"{result.Reason} The policy of {previous.Domain} is unchanged on a fresh look, so the message may "
                + "fail permanently under the ordinary rules.");
        }

        return await WalkAsync(result.Request, recheck.Current, result.MxLookup, result.Hosts, result.Attempts,
            recheck, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DeliveryResult> WalkAsync(
        DeliveryRequest request,
        PolicyResolution? resolution,
        MxLookupResult? lookup,
        IReadOnlyList<MxHostRecord> hosts,
        IReadOnlyList<MxAttempt> earlier,
        PolicyRecheck? recheck,
        CancellationToken cancellationToken)
    {
        var attempts = new List<MxAttempt>(earlier);
        foreach (MxHostRecord host in hosts)
        {
            MxAttempt attempt = await TryHostAsync(request, resolution, host, cancellationToken)
                .ConfigureAwait(false);
            attempts.Add(attempt);
            Report(request, attempt);
            if (attempt.Outcome == MxAttemptOutcome.Delivered)
            {
                return Finish(request, DeliveryOutcome.Delivered, EnhancedStatusCodes.Delivered,
                    DescribeDelivery(attempt), resolution, lookup, hosts, attempts, recheck);
            }

            // RFC 5321 §4.2.1: a permanent reply is the message's answer; another MX would say the same.
            if (attempt is { Outcome: MxAttemptOutcome.Rejected, Response: { } reply })
            {
                int code = (int)reply.StatusCode;
                return Finish(request, DeliveryOutcome.Rejected, EnhancedStatusCodes.FromReply(code, reply.Response),
                    $"{attempt.Host} rejected the message: {code} {reply.Response}",
                    resolution, lookup, hosts, attempts, recheck);
            }
        }

        IReadOnlyList<MxAttempt> walked = attempts.Skip(earlier.Count).ToArray();
        DeliveryResult deferred = Finish(request, DeliveryOutcome.Deferred, DeferralCode(walked),
            $"No MX host of {request.RecipientDomain} took the message: "
            + string.Join("; ", walked.Select(DescribeFailure)) + ".",
            resolution, lookup, hosts, attempts, recheck);
        Log.Deferred(_logger, request.RecipientDomain, deferred.EnhancedStatusCode, deferred.Reason);
        return deferred;
    }

    /// <summary>
    /// The code of the first host the policy refused, which says why better than "no answer"; then
    /// the first temporary reply; then RFC 3463's "no answer from host".
    /// </summary>
    private static string DeferralCode(IReadOnlyList<MxAttempt> attempts)
    {
        MxAttempt? refused = attempts.FirstOrDefault(attempt => attempt.Outcome == MxAttemptOutcome.Refused);
        if (refused?.Decision?.EnhancedStatusCode is { } policyCode)
        {
            return policyCode;
        }

        MxAttempt? deferred = attempts.FirstOrDefault(attempt => attempt.Outcome == MxAttemptOutcome.Deferred);
        return deferred?.Response is { } reply
            ? EnhancedStatusCodes.FromReply((int)reply.StatusCode, reply.Response)
            : EnhancedStatusCodes.NoAnswer;
    }

    private static string DescribeDelivery(MxAttempt attempt)
    {
        string how = attempt.IsSecure ? "over TLS"
            : attempt.RetriedWithoutTls ? "in plaintext after a failed TLS handshake"
            : "in plaintext";
        string failure = attempt.Decision is { IsFailure: true } decision
            ? $" It failed the policy ({decision.ResultType}: {decision.Reason}); the failure is to be reported."
            : string.Empty;
        return $"Delivered to {attempt.Host} ({attempt.ConnectedAddress}) {how}.{failure}";
    }

    private static string DescribeFailure(MxAttempt attempt) => attempt.Outcome switch
    {
        MxAttemptOutcome.Refused =>
            $"{attempt.Host} was refused ({attempt.Decision?.ResultType}: {attempt.Decision?.Reason})",
        MxAttemptOutcome.Deferred =>
            $"{attempt.Host} answered {(int?)attempt.Response?.StatusCode} {attempt.Response?.Response}",
        _ => $"{attempt.Host} was unreachable ({attempt.Error})",
    };

    private static DeliveryResult Finish(
        DeliveryRequest request,
        DeliveryOutcome outcome,
        string code,
        string reason,
        PolicyResolution? resolution,
        MxLookupResult? lookup,
        IReadOnlyList<MxHostRecord> hosts,
        IReadOnlyList<MxAttempt> attempts,
        PolicyRecheck? recheck) =>
        new(request, outcome, code, reason, resolution, lookup, hosts, attempts, recheck);

    private void Report(DeliveryRequest request, MxAttempt attempt)
    {
        switch (attempt.Outcome)
        {
            case MxAttemptOutcome.Refused:
                Log.MxRefused(_logger, request.RecipientDomain, attempt.Host, attempt.Decision?.ResultType,
                    attempt.Decision?.ReasonCode, attempt.Decision?.Reason);
                break;

            case MxAttemptOutcome.Delivered when attempt.Decision is { IsFailure: true } decision:
                Log.DeliveredDespiteFailure(_logger, request.RecipientDomain, attempt.Host, decision.ResultType,
                    decision.ReasonCode, decision.Reason);
                break;

            case MxAttemptOutcome.Delivered:
                Log.Delivered(_logger, request.RecipientDomain, attempt.Host, attempt.IsSecure);
                break;

            default:
                Log.MxNotUsed(_logger, request.RecipientDomain, attempt.Host, attempt.Outcome, attempt.Error);
                break;
        }
    }
}
