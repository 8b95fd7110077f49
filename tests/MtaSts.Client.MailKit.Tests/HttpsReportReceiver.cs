using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using MtaSts.Testing;

namespace MtaSts.Client.MailKit.Tests;

/// <summary>
/// An HTTPS report receiver for <c>reports.example</c> on 127.0.0.1 (Kestrel with the test PKI): it
/// keeps what each POST carried and answers 201.
/// </summary>
internal sealed class HttpsReportReceiver : IAsyncDisposable
{
    public const string HostName = "reports.example";

    private readonly PolicyHostServer _server;

    private HttpsReportReceiver(PolicyHostServer server)
    {
        _server = server;
    }

    public ConcurrentQueue<(string Method, string? ContentType, byte[] Body)> Posts { get; } = new();

    public Uri Uri => new($"https://{HostName}:{_server.Port}/v1/tlsrpt");

    public static async Task<HttpsReportReceiver> StartAsync()
    {
        HttpsReportReceiver? receiver = null;
        PolicyHostServer server = await PolicyHostServer.StartAsync(
            TestPki.Trusted.Leaf(HostName), context => receiver!.ReceiveAsync(context));
        receiver = new HttpsReportReceiver(server);
        return receiver;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task ReceiveAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        Posts.Enqueue((context.Request.Method, context.Request.ContentType, body.ToArray()));
        context.Response.StatusCode = StatusCodes.Status201Created;
    }
}
