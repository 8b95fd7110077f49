using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace MtaSts.Client.Benchmarks;

/// <summary>The valid policy every benchmark Policy Host serves, over HTTPS or from memory.</summary>
internal sealed class PolicyAnswer : HttpMessageHandler
{
    public const string MxHost = "mx1.example.net";

    private static readonly byte[] s_body =
        "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.net\r\nmx: *.example.org\r\nmax_age: 604800\r\n"u8
            .ToArray();

    private int _requests;

    /// <summary>Gets how many requests the in-memory handler answered.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Answers a Kestrel request with 200, <c>text/plain</c> and the policy.</summary>
    public static Task ServeAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/plain";
        context.Response.ContentLength = s_body.Length;
        return context.Response.Body.WriteAsync(s_body, context.RequestAborted).AsTask();
    }

    protected override Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        var content = new ByteArrayContent(s_body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = content };
        return Task.FromResult(response);
    }
}
