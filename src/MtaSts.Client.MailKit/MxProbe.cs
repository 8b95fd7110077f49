using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MtaSts.Client.Discovery;

namespace MtaSts.Client.MailKit;

/// <summary>
/// Looks at an MX host the way a sender would see it, for diagnostics such as <c>mtasts check</c>:
/// connects to it at an address from the DNS client, says EHLO, starts TLS if offered, and
/// reports the greeting, STARTTLS, the handshake and the certificate and chain presented.
/// Sends no mail.
/// </summary>
/// <remarks>
/// The probe accepts whatever certificate is presented, so that the rest of the session can be
/// seen; decide on it with <see cref="MxProbeResult.CheckMx"/>. Safe for concurrent use.
/// </remarks>
public sealed class MxProbe
{
    private readonly MtaStsDnsClient _dns;
    private readonly MxProbeOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="MxProbe"/> class.</summary>
    /// <param name="dns">Finds the host's addresses; MailKit never asks the system resolver.</param>
    /// <param name="options">Timeouts and the EHLO name; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">
    /// The clock of the connect timeout; <see langword="null"/> for the system clock.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="dns"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid.</exception>
    public MxProbe(MtaStsDnsClient dns, MxProbeOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(dns);
        options = options?.Clone() ?? new MxProbeOptions();
        options.Validate();

        _dns = dns;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Probes one MX host: the first of its addresses that accepts a connection.</summary>
    /// <param name="mxHost">The MX host name, which is also the SNI sent.</param>
    /// <param name="port">The port, usually 25.</param>
    /// <param name="cancellationToken">Cancels the probe.</param>
    /// <returns>What the host showed; never an exception for what it does.</returns>
    /// <exception cref="ArgumentException"><paramref name="mxHost"/> is null or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not from 1 to 65535.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public async Task<MxProbeResult> ProbeAsync(
        string mxHost,
        int port,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mxHost);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);

        string host = mxHost.Trim().TrimEnd('.');
        IReadOnlyList<IPAddress> addresses;
        try
        {
            addresses = await _dns.ResolveAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (DnsResolutionException e)
        {
            return Unreachable(host, port, [], e.Message);
        }

        if (addresses.Count == 0)
        {
            return Unreachable(host, port, addresses, $"{host} has no A or AAAA record.");
        }

        string? error = null;
        foreach (IPAddress address in addresses)
        {
            (Socket? socket, string? connectError) = await MxConnection
                .ConnectAsync(address, port, _options.ConnectTimeout, _time, cancellationToken)
                .ConfigureAwait(false);
            if (socket is null)
            {
                error = connectError;
                continue;
            }

            using (socket)
            {
                return await ProbeAsync(host, port, addresses, address, socket, cancellationToken)
                    .ConfigureAwait(false);
            }
        }

        return Unreachable(host, port, addresses, error);
    }

    private async Task<MxProbeResult> ProbeAsync(
        string host,
        int port,
        IReadOnlyList<IPAddress> addresses,
        IPAddress address,
        Socket socket,
        CancellationToken cancellationToken)
    {
        var transcript = new SmtpTranscript();
        var capture = new CertificateCapture();
        using var client = new SmtpClient(transcript)
        {
            CheckCertificateRevocation = false,
            ServerCertificateValidationCallback = capture.Validate,
            Timeout = (int)_options.Timeout.TotalMilliseconds,
        };
        if (_options.LocalDomain is { } localDomain)
        {
            client.LocalDomain = localDomain;
        }

        string? error = null;
        string? handshakeError = null;
        try
        {
            await client
                .ConnectAsync(socket, host, port, SecureSocketOptions.StartTlsWhenAvailable, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (SslHandshakeException e)
        {
            handshakeError = e.InnerException?.Message ?? e.Message;
            error = $"The TLS handshake with {host} failed: {handshakeError}";
        }
        catch (Exception e) when (e is IOException or SocketException or ProtocolException or CommandException)
        {
            error = $"The SMTP session with {host} failed: {e.Message}";
        }

        SslProtocols protocol = client.IsSecure ? client.SslProtocol : SslProtocols.None;
        var result = new MxProbeResult(host, port, addresses, address, error, transcript, client.IsSecure,
            handshakeError, protocol, capture.Certificate is null ? null : capture);
        if (client.IsConnected)
        {
            try
            {
                await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or ProtocolException or CommandException)
            {
                // Everything to report was seen before QUIT.
            }
        }

        return result;
    }

    private static MxProbeResult Unreachable(
        string host,
        int port,
        IReadOnlyList<IPAddress> addresses,
        string? error) =>
        new(host, port, addresses, null, error, null, false, null, SslProtocols.None, null);
}
