using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpHost = SmtpServer.SmtpServer;
using SmtpServiceProvider = SmtpServer.ComponentModel.ServiceProvider;

namespace MtaSts.Testing;

/// <summary>
/// An SMTP server for the tests (the SmtpServer library, in process) on one loopback address and
/// port. It offers STARTTLS when it has a certificate, presenting the leaf with its intermediates,
/// and records every connection, the server name (SNI) of every TLS handshake and every message it
/// accepts, so tests can tell where a message went and how.
/// </summary>
public sealed class LoopbackSmtpServer : IMessageStore, IAsyncDisposable
{
    private const int PortAttempts = 20;

    private readonly SmtpHost _host;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private int _connections;

    private LoopbackSmtpServer(TcpListener listener, string serverName, ServerCertificate? certificate)
    {
        EndPoint = (IPEndPoint)listener.LocalEndpoint;
        Certificate = certificate;
        var options = new SmtpServerOptionsBuilder()
            .ServerName(serverName)
            .Endpoint(endpoint =>
            {
                endpoint.Endpoint(EndPoint).SessionTimeout(TimeSpan.FromSeconds(30));

                // The library offers STARTTLS only to an endpoint with a certificate; the session
                // pipe presents Certificate itself, with its intermediates.
                if (certificate is not null)
                {
                    endpoint.Certificate(certificate.Leaf);
                }
            })
            .Build();

        var services = new SmtpServiceProvider();
        services.Add(new SmtpListenerFactory(listener, this));
        services.Add((IMessageStore)this);
        _host = new SmtpHost(options, services);
        _running = _host.StartAsync(_stop.Token);
    }

    /// <summary>Gets where the server listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Gets the certificate presented after STARTTLS, or null when STARTTLS is not offered.</summary>
    public ServerCertificate? Certificate { get; }

    /// <summary>
    /// Gets or sets a value indicating whether STARTTLS is answered with something that is not TLS.
    /// </summary>
    public bool FailHandshake { get; set; }

    /// <summary>Gets or sets the reply to every message, such as (550, "no"); null accepts and records it.</summary>
    public (int Code, string Text)? Rejection { get; set; }

    /// <summary>Gets the number of TCP connections accepted.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Gets the server name of each TLS handshake, in order.</summary>
    public ConcurrentQueue<string> ServerNames { get; } = new();

    /// <summary>Gets each message accepted, in order.</summary>
    public ConcurrentQueue<ReceivedMessage> Messages { get; } = new();

    /// <summary>Starts a server on <paramref name="endPoint"/>; port 0 picks a free one.</summary>
    /// <param name="endPoint">A loopback address (any in 127.0.0.0/8) and port.</param>
    /// <param name="serverName">The name in the greeting and the EHLO reply.</param>
    /// <param name="certificate">What STARTTLS presents; null to offer no STARTTLS.</param>
    /// <exception cref="SocketException">The address and port cannot be bound.</exception>
    public static LoopbackSmtpServer Start(IPEndPoint endPoint, string serverName, ServerCertificate? certificate)
    {
        var listener = new TcpListener(endPoint);
        listener.Start();
        return new LoopbackSmtpServer(listener, serverName, certificate);
    }

    /// <summary>
    /// Starts one server per role, the role at index i on <paramref name="addresses"/>[i], all on
    /// one port, which is also free on any further addresses given; a port another process takes
    /// meanwhile makes it start again on another.
    /// </summary>
    /// <returns>The port and the servers, in the order of the roles.</returns>
    public static async Task<(int Port, LoopbackSmtpServer[] Servers)> StartOnOnePortAsync(
        IPAddress[] addresses,
        (string Name, ServerCertificate? Certificate)[] roles)
    {
        for (int attempt = 1; ; attempt++)
        {
            int port = FindCommonFreePort(addresses);
            var servers = new LoopbackSmtpServer[roles.Length];
            try
            {
                for (int i = 0; i < roles.Length; i++)
                {
                    servers[i] = Start(new IPEndPoint(addresses[i], port), roles[i].Name, roles[i].Certificate);
                }

                return (port, servers);
            }
            catch (SocketException) when (attempt < PortAttempts)
            {
                // Another process took the port on one address since it was found free; start again.
                foreach (LoopbackSmtpServer? started in servers)
                {
                    if (started is not null)
                    {
                        await started.DisposeAsync();
                    }
                }
            }
        }
    }

    /// <summary>A port that is free on every address given, at the time of asking.</summary>
    public static int FindCommonFreePort(params IPAddress[] addresses)
    {
        for (int attempt = 1; ; attempt++)
        {
            using var first = new TcpListener(addresses[0], 0);
            first.Start();
            int port = ((IPEndPoint)first.LocalEndpoint).Port;
            try
            {
                foreach (IPAddress address in addresses.Skip(1))
                {
                    using var other = new TcpListener(address, port);
                    other.Start();
                    other.Stop();
                }

                return port;
            }
            catch (SocketException) when (attempt < PortAttempts)
            {
                // The port is taken on another address; try another.
            }
            finally
            {
                first.Stop();
            }
        }
    }

    /// <summary>Forgets what was recorded and goes back to answering handshakes and accepting messages.</summary>
    public void Reset()
    {
        FailHandshake = false;
        Rejection = null;
        ServerNames.Clear();
        Messages.Clear();
        Interlocked.Exchange(ref _connections, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _host.Shutdown();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            // The listener stops by cancellation.
        }

        _stop.Dispose();
    }

    Task<SmtpResponse> IMessageStore.SaveAsync(
        ISessionContext context,
        IMessageTransaction transaction,
        ReadOnlySequence<byte> buffer,
        CancellationToken cancellationToken)
    {
        if (Rejection is var (code, text))
        {
            return Task.FromResult(new SmtpResponse((SmtpReplyCode)code, text));
        }

        var pipe = (SmtpSessionPipe)context.Pipe;
        Messages.Enqueue(new ReceivedMessage(
            transaction.From.AsAddress() ?? string.Empty,
            transaction.To.Select(mailbox => mailbox.AsAddress() ?? string.Empty).ToArray(),
            pipe.IsSecure,
            pipe.ServerName,
            buffer.ToArray()));
        return Task.FromResult(SmtpResponse.Ok);
    }

    internal void Accepted() => Interlocked.Increment(ref _connections);
}
