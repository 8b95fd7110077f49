using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace MtaSts.Client.Tests.Resolution;

/// <summary>
/// Stands in for a Policy Host behind the fetcher's HTTP seam: answers with whatever status and
/// policy body the test has set, and counts the requests.
/// </summary>
internal sealed class ScriptedPolicyHost : HttpMessageHandler
{
    private int _requests;

    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    public string Body { get; set; } = string.Empty;

    /// <summary>Gets or sets where a 3xx answer points; <see langword="null"/> sends no <c>Location</c>.</summary>
    public Uri? Location { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Serves a policy with status 200.</summary>
    public void Serve(string body)
    {
        Status = HttpStatusCode.OK;
        Body = body;
        Location = null;
    }

    public void Fail(HttpStatusCode status)
    {
        Status = status;
        Location = null;
    }

    /// <summary>Answers 301 pointing elsewhere, which a fetch must never follow.</summary>
    public void Redirect(Uri location)
    {
        Status = HttpStatusCode.MovedPermanently;
        Location = location;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        var response = new HttpResponseMessage(Status) { RequestMessage = request };
        if (Status == HttpStatusCode.OK)
        {
            response.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
            response.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        }

        response.Headers.Location = Location;

        return Task.FromResult(response);
    }
}
