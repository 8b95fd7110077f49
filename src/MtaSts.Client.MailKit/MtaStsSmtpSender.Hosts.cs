using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using MailKit.Security;
using MtaSts.Client.Decision;
using MtaSts.Client.Discovery;
using MtaSts.Client.Resolution;

namespace MtaSts.Client.MailKit;

/// <summary>
/// One MX host: whether to connect at all, its addresses in turn, and the plaintext retry the policy may
/// allow.
/// </summary>
public sealed partial class MtaStsSmtpSender
{
    private async Task<MxAttempt> TryHostAsync(
        DeliveryRequest request,
        PolicyResolution? resolution,
        MxHostRecord host,
        CancellationToken cancellationToken)
    {
        string? policyId = resolution?.Applied?.PolicyId;

        // What the policy says of this host without TLS tells whether STARTTLS is required; a host
        // the policy does not list is refused whatever it presents, so it is not even connected to.
        MxDecision withoutTls = Check(resolution, host.Host, request.Context);
        bool tlsRequired = !withoutTls.MayDeliver;
        if (tlsRequired && withoutTls.ReasonCode == MxReasonCodes.MxNotInPolicy)
        {
            return new MxAttempt(
                host, policyId, [], null, MxAttemptOutcome.Refused, withoutTls, null, false, false, null);
        }

        IReadOnlyList<IPAddress> addresses;
        try
        {
            addresses = await _dns.ResolveAddressesAsync(host.Host, cancellationToken).ConfigureAwait(false);
        }
        catch (DnsResolutionException e)
        {
            return Unreachable(host, policyId, [], null, e.Message);
        }

        if (addresses.Count == 0)
        {
            return Unreachable(host, policyId, [], null, $"{host.Host} has no A or AAAA record.");
        }

        SecureSocketOptions security = tlsRequired
            ? SecureSocketOptions.StartTls
            : SecureSocketOptions.StartTlsWhenAvailable;
        var tried = new List<IPAddress>();
        SessionResult last = default;
        foreach (IPAddress address in addresses)
        {
            tried.Add(address);
            SessionResult session = await RunSessionAsync(request, resolution, host.Host, address, security, null,
                cancellationToken).ConfigureAwait(false);

            // RFC 8461 §8.5: only where the policy lets the message go without TLS (HandshakeFailed
            // is never the answer under enforce) may the same host be tried again in plaintext.
            bool retried = session.Kind == SessionKind.HandshakeFailed;
            if (retried)
            {
                session = await RunSessionAsync(request, resolution, host.Host, address, SecureSocketOptions.None,
                    session.Decision, cancellationToken).ConfigureAwait(false);
            }

            switch (session.Kind)
            {
                case SessionKind.Refused:
                    return new MxAttempt(host, policyId, tried, address, MxAttemptOutcome.Refused, session.Decision,
                        session.Error, false, false, null);

                case SessionKind.ClientRefused:
                    return Unreachable(host, policyId, tried, session.Decision, session.Error);

                case SessionKind.Delivered:
                case SessionKind.Rejected:
                case SessionKind.Deferred:
                    MxAttemptOutcome outcome = session.Kind switch
                    {
                        SessionKind.Delivered => MxAttemptOutcome.Delivered,
                        SessionKind.Rejected => MxAttemptOutcome.Rejected,
                        _ => MxAttemptOutcome.Deferred,
                    };
                    return new MxAttempt(host, policyId, tried, address, outcome, session.Decision, session.Error,
                        session.IsSecure, retried, session.Response);

                default:
                    last = session;
                    break;
            }
        }

        return Unreachable(host, policyId, tried, last.Decision, last.Error);
    }

    private static MxAttempt Unreachable(
        MxHostRecord host,
        string? policyId,
        IReadOnlyList<IPAddress> tried,
        MxDecision? decision,
        string? error) =>
        new(host, policyId, tried, null, MxAttemptOutcome.Unreachable, decision, error, false, false, null);

    /// <summary>
    /// The decision for a session without a certificate: STARTTLS not offered, or with <paramref
    /// name="context"/> a failed handshake.
    /// </summary>
    private MxDecision Check(PolicyResolution? resolution, string host, MxCheckContext context) =>
        _checker.CheckMxForPolicy(resolution?.Policy, host, null, null, context);
}
