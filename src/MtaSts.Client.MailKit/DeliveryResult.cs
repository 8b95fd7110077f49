using System.Collections.Generic;
using System.Linq;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;

namespace MtaSts.Client.MailKit;

/// <summary>
/// What became of a message sent to one recipient domain, and what happened at each MX host on the way.
/// </summary>
public sealed class DeliveryResult
{
    internal DeliveryResult(
        DeliveryRequest request,
        DeliveryOutcome outcome,
        string enhancedStatusCode,
        string reason,
        PolicyResolution? resolution,
        MxLookupResult? mxLookup,
        IReadOnlyList<MxHostRecord> hosts,
        IReadOnlyList<MxAttempt> attempts,
        PolicyRecheck? recheck)
    {
        Request = request;
        Outcome = outcome;
        EnhancedStatusCode = enhancedStatusCode;
        Reason = reason;
        Resolution = resolution;
        MxLookup = mxLookup;
        Hosts = hosts;
        Attempts = attempts;
        Recheck = recheck;
    }

    /// <summary>Gets what became of the message.</summary>
    public DeliveryOutcome Outcome { get; }

    /// <summary>Gets the recipient domain, normalised.</summary>
    public string RecipientDomain => Request.RecipientDomain.Name;

    /// <summary>Gets the Policy Domain whose policy applied, or <see langword="null"/> when none could.</summary>
    public PolicyDomain? PolicyDomain => Request.PolicyDomain;

    /// <summary>
    /// Gets the RFC 3463 enhanced status code for the MTA's queue or bounce: <c>2.0.0</c> when
    /// delivered, a <c>4.x.x</c> code when deferred (such as <c>4.7.5</c> for a certificate the
    /// policy refused), a <c>5.x.x</c> one when it must not be tried again.
    /// </summary>
    public string EnhancedStatusCode { get; }

    /// <summary>Gets a sentence saying what happened, for logs, deferral messages and bounces.</summary>
    public string Reason { get; }

    /// <summary>
    /// Gets the resolution whose policy the MX hosts were last checked under; <see langword="null"/> when
    /// none could apply.
    /// </summary>
    public PolicyResolution? Resolution { get; }

    /// <summary>
    /// Gets the MX lookup; <see langword="null"/> when a smart host was used or the policy lookup deferred.
    /// </summary>
    public MxLookupResult? MxLookup { get; }

    /// <summary>
    /// Gets what happened at each MX host, in the order they were tried (after a re-check, both walks).
    /// </summary>
    public IReadOnlyList<MxAttempt> Attempts { get; }

    /// <summary>Gets the attempt that delivered the message, or <see langword="null"/>.</summary>
    public MxAttempt? DeliveredVia =>
        Attempts.LastOrDefault(attempt => attempt.Outcome == MxAttemptOutcome.Delivered);

    /// <summary>
    /// Gets a value indicating whether the failure is temporary: keep the message and try again later.
    /// </summary>
    public bool IsTemporaryFailure => Outcome is DeliveryOutcome.Deferred or DeliveryOutcome.DnsFailure;

    /// <summary>
    /// Gets a value indicating whether MX hosts were refused under the policy and none took the
    /// message, with no re-check done yet. Before failing the message permanently the caller must
    /// call <see cref="MtaStsSmtpSender.RecheckAsync"/> (RFC 8461 §5.1 step 3), or send the last
    /// attempt with <see cref="DeliveryOptions.IsFinalAttempt"/>.
    /// </summary>
    public bool RecheckRequired =>
        Recheck is null && Outcome == DeliveryOutcome.Deferred
        && Attempts.Any(attempt => attempt.Outcome == MxAttemptOutcome.Refused);

    /// <summary>
    /// Gets what the re-check of the policy found, once done; when it found no change the message may
    /// fail permanently under the ordinary RFC 5321 rules.
    /// </summary>
    public PolicyRecheck? Recheck { get; }

    internal DeliveryRequest Request { get; }

    internal IReadOnlyList<MxHostRecord> Hosts { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{RecipientDomain}: {Outcome} {EnhancedStatusCode}: {Reason}";

    internal DeliveryResult WithRecheck(PolicyRecheck recheck, string reason) =>
        new(Request, Outcome, EnhancedStatusCode, reason, Resolution, MxLookup, Hosts, Attempts, recheck);
}
