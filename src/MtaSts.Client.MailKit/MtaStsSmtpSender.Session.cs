using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MtaSts.Client.Decision;
using MtaSts.Client.Resolution;

namespace MtaSts.Client.MailKit;

/// <summary>One SMTP connection to one address: connect, STARTTLS under the callback, send, quit.</summary>
public sealed partial class MtaStsSmtpSender
{
    /// <summary>
    /// Runs a session; a plaintext retry passes <c>SecureSocketOptions.None</c> and the decision it
    /// goes under, which no certificate can change.
    /// </summary>
    private async Task<SessionResult> RunSessionAsync(
        DeliveryRequest request,
        PolicyResolution? resolution,
        string host,
        IPAddress address,
        SecureSocketOptions security,
        MxDecision? plaintextDecision,
        CancellationToken cancellationToken)
    {
        (Socket? socket, string? error) = await MxConnection
            .ConnectAsync(address, _options.Port, _options.ConnectTimeout, _time, cancellationToken)
            .ConfigureAwait(false);
        if (socket is null)
        {
            return new SessionResult(SessionKind.ConnectFailed, Error: error);
        }

        using (socket)
        using (SmtpClient client = _options.ClientFactory?.Invoke() ?? new SmtpClient())
        {
            // The platform's verdict is not used, so it must not go online for revocation either;
            // MxCertificateOptions decides whether revocation is checked.
            client.CheckCertificateRevocation = false;
            client.RequireTLS = request.RequireTls;
            MtaStsCertificateCallback callback =
                MtaStsCertificateCallback.Attach(client, _checker, resolution, request.Context);
            try
            {
                SessionResult? failed = await ConnectAsync(client, callback, socket, host, security, resolution,
                    request.Context, cancellationToken).ConfigureAwait(false);
                if (failed is { } notConnected)
                {
                    return notConnected;
                }

                MxDecision decision = client.IsSecure
                    ? callback.Decision!.Value
                    : plaintextDecision ?? Check(resolution, host, request.Context);
                return decision.MayDeliver
                    ? await TransferAsync(client, request, decision, cancellationToken).ConfigureAwait(false)
                    : new SessionResult(SessionKind.Refused, decision);
            }
            finally
            {
                await QuitAsync(client).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Connects MailKit over the socket; <see langword="null"/> when the session is ready for the message.
    /// </summary>
    private async Task<SessionResult?> ConnectAsync(
        SmtpClient client,
        MtaStsCertificateCallback callback,
        Socket socket,
        string host,
        SecureSocketOptions security,
        PolicyResolution? resolution,
        MxCheckContext context,
        CancellationToken cancellationToken)
    {
        try
        {
            await client.ConnectAsync(socket, host, _options.Port, security, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (NotSupportedException) when (security == SecureSocketOptions.StartTls)
        {
            // MailKit stops after EHLO when STARTTLS is required and not offered; nothing was sent.
            return new SessionResult(SessionKind.Refused, Check(resolution, host, context));
        }
        catch (SslHandshakeException e)
        {
            if (callback.Decision is { } seen)
            {
                if (!seen.MayDeliver)
                {
                    return new SessionResult(SessionKind.Refused, seen, e.Message);
                }

                if (callback.NextAccepted == false)
                {
                    return new SessionResult(SessionKind.ClientRefused, seen,
                        $"The client's own certificate callback refused the certificate of {host}.");
                }
            }

            MxDecision failed = Check(resolution, host, context with { HandshakeFailed = true });
            return new SessionResult(failed.MayDeliver ? SessionKind.HandshakeFailed : SessionKind.Refused, failed,
                e.InnerException?.Message ?? e.Message);
        }
        catch (Exception e) when (e is IOException or SocketException or ProtocolException or CommandException)
        {
            return new SessionResult(SessionKind.Broken,
                Error: $"The SMTP session with {host} failed: {e.Message}");
        }
    }

    private static async Task<SessionResult> TransferAsync(
        SmtpClient client,
        DeliveryRequest request,
        MxDecision decision,
        CancellationToken cancellationToken)
    {
        try
        {
            string reply = await client
                .SendAsync(request.Message, request.Sender, request.Recipients, cancellationToken)
                .ConfigureAwait(false);
            return new SessionResult(SessionKind.Delivered, decision, null, client.IsSecure,
                new SmtpResponse(SmtpStatusCode.Ok, reply));
        }
        catch (SmtpCommandException e)
        {
            SessionKind kind = (int)e.StatusCode is >= 500 and < 600 ? SessionKind.Rejected : SessionKind.Deferred;
            var response = new SmtpResponse(e.StatusCode, e.Message);
            return new SessionResult(kind, decision, e.Message, client.IsSecure, response);
        }
        catch (Exception e) when (e is IOException or SocketException or ProtocolException)
        {
            return new SessionResult(SessionKind.Broken, decision,
                $"The SMTP session broke while sending: {e.Message}", client.IsSecure);
        }
    }

    private static async Task QuitAsync(SmtpClient client)
    {
        if (!client.IsConnected)
        {
            return;
        }

        try
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ProtocolException or CommandException)
        {
            // The message's fate is settled; a server that hangs up before QUIT's reply changes nothing.
        }
    }
}
