using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using MtaSts.Client.Reporting;
using MtaSts.Client.Tests.Discovery;
using MtaSts.Testing;

namespace MtaSts.Client.Tests.Reporting;

/// <summary>
/// An HTTPS report receiver on 127.0.0.1 (Kestrel, with the test PKI) standing for
/// <c>reports.example</c>: it keeps each body posted to it and answers with the status a test sets.
/// </summary>
internal sealed class ReportReceiver : IAsyncDisposable
{
    public const string HostName = "reports.example";

    private ReportReceiver(PolicyHostServer server)
    {
        Server = server;
    }

    public PolicyHostServer Server { get; }

    /// <summary>Gets the status every request is answered with from now on.</summary>
    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    public ConcurrentQueue<(string Method, string? ContentType, byte[] Body)> Posts { get; } = new();

    public Uri Uri => new($"https://{HostName}:{Server.Port}/v1/tlsrpt");

    public static async Task<ReportReceiver> StartAsync()
    {
        ReportReceiver? receiver = null;
        PolicyHostServer server = await PolicyHostServer.StartAsync(
            TestPki.Trusted.Leaf(HostName), context => receiver!.HandleAsync(context));
        receiver = new ReportReceiver(server);
        return receiver;
    }

    public void Reset()
    {
        Server.Reset();
        Status = HttpStatusCode.OK;
        Posts.Clear();
    }

    /// <summary>A sender that finds <see cref="HostName"/> at 127.0.0.1 and trusts the test root.</summary>
    public static HttpsReportSender CreateSender(bool ignoreCertificateErrors = false)
    {
        var options = new ReportDeliveryOptions
        {
            AllowPrivateAddresses = true,
            IgnoreCertificateErrors = ignoreCertificateErrors,
        };
        options.TrustRoots.Add(TestPki.PublicPart(TestPki.Trusted.Root));
        var resolver = new StaticAddressResolver().Map(HostName, IPAddress.Loopback);
        return new HttpsReportSender(new HttpClient(HttpsReportSender.CreateHandler(resolver, options)), options);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        Posts.Enqueue((context.Request.Method, context.Request.ContentType, body.ToArray()));
        context.Response.StatusCode = (int)Status;
        if ((int)Status is >= 300 and < 400)
        {
            context.Response.Headers.Location = Uri.AbsoluteUri;
        }
    }
}
