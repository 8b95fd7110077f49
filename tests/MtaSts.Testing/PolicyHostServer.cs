using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;

namespace MtaSts.Testing;

/// <summary>
/// A Policy Host for the tests: Kestrel on 127.0.0.1 with a port of its own, presenting whichever
/// certificate a test sets and answering every request with whatever a test sets. It records each
/// TCP connection, each TLS server name (SNI) and each request, so tests can tell what reached it.
/// </summary>
public sealed class PolicyHostServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _connections;

    private PolicyHostServer(ServerCertificate certificate, RequestDelegate defaultResponse)
    {
        DefaultCertificate = certificate;
        Certificate = certificate;
        DefaultResponse = defaultResponse;
        Respond = defaultResponse;
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Use(next => connection =>
                {
                    Interlocked.Increment(ref _connections);
                    return next(connection);
                });
                listen.UseHttps(new TlsHandshakeCallbackOptions { OnConnection = OnTlsConnectionAsync });
            });
        });
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    /// <summary>Gets the TCP port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>Gets the certificate <see cref="Reset"/> goes back to.</summary>
    public ServerCertificate DefaultCertificate { get; }

    /// <summary>Gets or sets the certificate presented from the next handshake on.</summary>
    public ServerCertificate Certificate { get; set; }

    /// <summary>Gets or sets the TLS versions the server accepts; by default whatever the platform offers.</summary>
    public SslProtocols Protocols { get; set; }

    /// <summary>Gets the answer <see cref="Reset"/> goes back to.</summary>
    public RequestDelegate DefaultResponse { get; }

    /// <summary>Gets or sets how every request is answered.</summary>
    public RequestDelegate Respond { get; set; }

    /// <summary>Gets the number of TCP connections accepted.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Gets the server name of each TLS handshake, in order.</summary>
    public ConcurrentQueue<string> ServerNames { get; } = new();

    /// <summary>Gets each request received, in order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<PolicyHostServer> StartAsync(ServerCertificate certificate, RequestDelegate defaultResponse)
    {
        var server = new PolicyHostServer(certificate, defaultResponse);
        await server._app.StartAsync();
        string address = server._app.Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Port = new Uri(address).Port;
        return server;
    }

    /// <summary>Back to the default certificate, TLS versions and answer, with nothing recorded.</summary>
    public void Reset()
    {
        Certificate = DefaultCertificate;
        Protocols = SslProtocols.None;
        Respond = DefaultResponse;
        ServerNames.Clear();
        Requests.Clear();
        Interlocked.Exchange(ref _connections, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private ValueTask<SslServerAuthenticationOptions> OnTlsConnectionAsync(TlsHandshakeCallbackContext context)
    {
        ServerNames.Enqueue(context.ClientHelloInfo.ServerName);
        return ValueTask.FromResult(new SslServerAuthenticationOptions
        {
            ServerCertificateContext = Certificate.Context,
            EnabledSslProtocols = Protocols,
        });
    }

    private async Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        Requests.Enqueue(new RecordedRequest(
            request.Method,
            request.Scheme,
            request.Host.Value ?? string.Empty,
            request.Path.Value ?? string.Empty,
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        try
        {
            await Respond(context);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away, which is what the hostile answers expect it to do.
        }
    }
}
