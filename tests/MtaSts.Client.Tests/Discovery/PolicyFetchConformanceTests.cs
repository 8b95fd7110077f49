using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using MtaSts.Client.Tests.Conformance;
using MtaSts.Testing;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Discovery;

/// <summary>
/// Conformance cases 45-77 (section B): fetching the policy over HTTPS, RFC 8461 §3.2, §3.3, §7.1
/// and §8.2, against a real HTTPS server on loopback. This part holds the request and the answer
/// (45-66, 77); the certificate cases (67-75) are in the other part. Case 76, the back-off per
/// policy id after a failed fetch, belongs to the cache and is tested there.
/// </summary>
[TestFixture]
public sealed partial class PolicyFetchConformanceTests : PolicyHostTestBase
{
    private const string ProviderHost = "mta-sts.provider.example";

    [Test]
    public async Task Case045_UrlSniAndMethod_AreThoseOfThePolicyHost()
    {
        PolicyDomain domain = PolicyDomain.Create("example.com");

        PolicyFetchResult result = await FetchAsync();

        AssertEnforcePolicy(result);
        Assert.That(domain.PolicyUri.AbsoluteUri, Is.EqualTo("https://mta-sts.example.com/.well-known/mta-sts.txt"));
        Assert.That(domain.PolicyUri.Port, Is.EqualTo(443));
        Assert.That(Resolver.Queries, Is.EqualTo(new[] { PolicyHost }));
        Assert.That(Server.ServerNames, Is.EqualTo(new[] { PolicyHost }), "TLS server name (SNI)");
        RecordedRequest request = Server.Requests.Single();
        Assert.That(request.Method, Is.EqualTo("GET"));
        Assert.That(request.Scheme, Is.EqualTo("https"));
        Assert.That(request.Host, Is.EqualTo(PolicyHost), "the Host header names port 443 by leaving it out");
        Assert.That(request.Path, Is.EqualTo("/.well-known/mta-sts.txt"));
    }

    [Test]
    public async Task Case046_HappyPath_IsThePolicy()
    {
        PolicyFetchResult result = await FetchAsync();

        AssertEnforcePolicy(result);
        Assert.That(result.ParseResult!.IsValid, Is.True);
        Assert.That(result.Policy!.Text, Is.EqualTo(Encoding.UTF8.GetString(PolicyBodies.Enforce)));
        Assert.That(result.FailureReasonCode, Is.Null);
    }

    [TestCase("text/plain; charset=utf-8", TestName = "Case047_CharsetUtf8_IsAccepted")]
    [TestCase("TEXT/Plain; Charset=UTF-8", TestName = "Case048_MediaTypeCase_IsAccepted")]
    [TestCase("text/plain; charset=iso-8859-1", TestName = "Case049_OtherCharset_IsAccepted")]
    [TestCase("text/plain; format=flowed; delsp=yes", TestName = "Case050_ExtraParameters_AreIgnored")]
    public async Task Case047To050_TextPlainWithParameters_IsAccepted(string contentType)
    {
        Server.Respond = Responses.Send(200, contentType, PolicyBodies.Enforce);

        AssertEnforcePolicy(await FetchAsync());
    }

    [Test]
    public async Task Case051_TextHtml_IsPolicyInvalidContentType()
    {
        Server.Respond = Responses.Send(200, "text/html; charset=utf-8", PolicyBodies.Enforce);

        PolicyFetchResult result = await FetchAsync();

        AssertFailure(result, PolicyFetchOutcome.PolicyInvalid, PolicyFetchFailureReason.ContentType);
        Assert.That(result.FailureReasonCode, Is.EqualTo("content-type"));
        Assert.That(result.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(result.Message, Does.Contain("text/html"));
    }

    [Test]
    public async Task Case051_TextHtmlWithTheCheckOff_IsThePolicy()
    {
        Server.Respond = Responses.Send(200, "text/html; charset=utf-8", PolicyBodies.Enforce);
        PolicyFetchOptions options = Options();
        options.CheckContentType = false;

        AssertEnforcePolicy(await FetchAsync(options));
    }

    [Test]
    public async Task Case052_MissingContentType_IsPolicyInvalidContentType()
    {
        Server.Respond = Responses.Send(200, contentType: null, PolicyBodies.Enforce);

        PolicyFetchResult result = await FetchAsync();

        AssertFailure(result, PolicyFetchOutcome.PolicyInvalid, PolicyFetchFailureReason.ContentType);
        Assert.That(result.Message, Does.Contain("no media type"));
    }

    [Test]
    public async Task Case053_RedirectSameUrl_IsFetchErrorAndLocationNotRequested()
    {
        Server.Respond = Responses.Send(301, Responses.PlainText, [],
            Responses.Header("Location", "https://mta-sts.example.com/.well-known/mta-sts.txt"));

        PolicyFetchResult result = await FetchAsync();

        AssertFailure(result, PolicyFetchOutcome.FetchError, PolicyFetchFailureReason.Redirect);
        Assert.That(result.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently));
        Assert.That(result.FailureReasonCode, Is.EqualTo("redirect"));
        Assert.That(Server.Requests, Has.Count.EqualTo(1), "the Location is not requested");
    }

    [Test]
    public async Task Case054_RedirectElsewhere_IsFetchErrorAndProviderNotContacted()
    {
        Resolver.Map(ProviderHost, IPAddress.Loopback);
        Server.Respond = Responses.Send(302, Responses.PlainText, [],
            Responses.Header("Location", "https://mta-sts.provider.example/.well-known/mta-sts.txt"));

        PolicyFetchResult result = await FetchAsync();

        AssertFailure(result, PolicyFetchOutcome.FetchError, PolicyFetchFailureReason.Redirect);
        Assert.That(result.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        Assert.That(result.Message, Does.Contain(ProviderHost));
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
        Assert.That(Resolver.Queries, Has.No.Member(ProviderHost));
    }

    [TestCase(307)]
    [TestCase(308)]
    [TestCase(300)]
    [TestCase(303)]
    public async Task Case055_OtherRedirects_AreFetchErrors(int status)
    {
        Server.Respond = Responses.Send(status, Responses.PlainText, [],
            Responses.Header("Location", "https://mta-sts.example.com/.well-known/mta-sts.txt"));

        PolicyFetchResult result = await FetchAsync();

        AssertFailure(result, PolicyFetchOutcome.FetchError, PolicyFetchFailureReason.Redirect);
        Assert.That((int?)result.StatusCode, Is.EqualTo(status));
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [TestCase(404, TestName = "Case056_NotFound_IsFetchErrorStatus")]
    [TestCase(503, TestName = "Case057_ServiceUnavailable_IsFetchErrorStatus")]
    [TestCase(204, TestName = "Case058_NoContent_IsFetchErrorStatus")]
    [TestCase(304, TestName = "Case059_NotModified_IsFetchErrorStatus")]
    public async Task Case056To059_StatusOtherThan200_IsFetchErrorStatus(int status)
    {
        byte[] body = status is 204 or 304 ? [] : PolicyBodies.Enforce;
        Server.Respond = Responses.Send(status, Responses.PlainText, body);

        PolicyFetchResult result = await FetchAsync();

        AssertFailure(result, PolicyFetchOutcome.FetchError, PolicyFetchFailureReason.Status);
        Assert.That((int?)result.StatusCode, Is.EqualTo(status));
        Assert.That(result.FailureReasonCode, Is.EqualTo("status"));
        Assert.That(result.Message, Does.Contain(status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task Case060_EmptyBody_IsPolicyInvalidMissingVersion()
    {
        Server.Respond = Responses.Send(200, Responses.PlainText, []);

        PolicyFetchResult result = await FetchAsync();

        AssertFailure(result, PolicyFetchOutcome.PolicyInvalid, PolicyFetchFailureReason.Parse);
        Assert.That(result.ParseResult, Is.Not.Null);
        Assert.That(result.ParseResult!.Errors.Select(e => e.Code), Does.Contain(DiagnosticCodes.PolicyMissingVersion));
    }

    [Test]
    public async Task Case061_BodyOfExactly65536Bytes_IsAccepted()
    {
        byte[] body = Responses.PaddedPolicy(PolicyParser.MaxBodyLength);
        Assert.That(body, Has.Length.EqualTo(65_536));
        Server.Respond = Responses.Send(200, Responses.PlainText, body);

        PolicyFetchResult result = await FetchAsync();

        Assert.That(result.IsFetched, Is.True, result.Message);
        Assert.That(result.Policy!.Extensions.Single().Name, Is.EqualTo("x_padding"));
    }

    [Test]
    public async Task Case062_BodyOf65537Bytes_IsFetchErrorTooLarge()
    {
        Server.Respond = Responses.Send(200, Responses.PlainText, Responses.PaddedPolicy(PolicyParser.MaxBodyLength + 1));

        PolicyFetchResult result = await FetchAsync();

        AssertFailure(result, PolicyFetchOutcome.FetchError, PolicyFetchFailureReason.TooLarge);
        Assert.That(result.FailureReasonCode, Is.EqualTo("too-large"));
        Assert.That(result.ParseResult, Is.Null, "nothing is parsed");
    }

    [Test]
    public async Task Case062_ChunkedTenMegabytes_IsCutAtTheLimit()
    {
        const long tenMegabytes = 10 * 1024 * 1024;
        using var flood = new ChunkedFloodServer(Server.DefaultCertificate, tenMegabytes);
        PolicyFetchOptions options = Options();
        options.ConnectPort = flood.Port;

        PolicyFetchResult result = await FetchAsync(options);

        AssertFailure(result, PolicyFetchOutcome.FetchError, PolicyFetchFailureReason.TooLarge);
        long written = await flood.Finished.WaitAsync(TimeSpan.FromSeconds(30));
        TestContext.Out.WriteLine($"The server wrote {written} bytes before the client left.");
        Assert.That(flood.Completed, Is.False, "the client stopped reading, so the server could not send it all");
        Assert.That(written, Is.LessThan(tenMegabytes));
    }

    [Test]
    public async Task Case063_GzipExpandingPastTheLimit_IsFetchErrorTooLarge()
    {
        byte[] expanded = Responses.PaddedPolicy(5 * 1024 * 1024);
        Server.Respond = Responses.Gzip(expanded);

        PolicyFetchResult result = await FetchAsync();

        AssertFailure(result, PolicyFetchOutcome.FetchError, PolicyFetchFailureReason.TooLarge);
        Assert.That(Server.Requests.Single().Headers["Accept-Encoding"], Does.Contain("gzip"));
    }

    [Test]
    public async Task Case063_GzipWithinTheLimit_IsDecodedToThePolicy()
    {
        Server.Respond = Responses.Gzip(PolicyBodies.Enforce);

        AssertEnforcePolicy(await FetchAsync());
    }

    [Test]
    public async Task Case064_HeadersThenStall_IsFetchErrorTimeout()
    {
        Server.Respond = Stalling.HeadersThenNothing;
        PolicyFetchOptions options = Options();
        options.Timeout = TimeSpan.FromSeconds(2);

        PolicyFetchResult result = await FetchAsync(options);

        AssertFailure(result, PolicyFetchOutcome.FetchError, PolicyFetchFailureReason.Timeout);
        Assert.That(result.FailureReasonCode, Is.EqualTo("timeout"));
    }

    [Test]
    public async Task Case065_PolicyHostWithoutAddresses_IsFetchErrorDns()
    {
        Resolver = new StaticAddressResolver();

        PolicyFetchResult result = await FetchAsync();

        AssertFailure(result, PolicyFetchOutcome.FetchError, PolicyFetchFailureReason.Dns);
        Assert.That(result.FailureReasonCode, Is.EqualTo("dns"));
        Assert.That(Server.Connections, Is.Zero);
    }

    [Test]
    public async Task Case065_PolicyHostLookupFails_IsFetchErrorDns()
    {
        Resolver.Failure = new InvalidOperationException("SERVFAIL");

        PolicyFetchResult result = await FetchAsync();

        AssertFailure(result, PolicyFetchOutcome.FetchError, PolicyFetchFailureReason.Dns);
        Assert.That(result.Message, Does.Contain("SERVFAIL"));
        Assert.That(Server.Connections, Is.Zero);
    }

    [Test]
    public async Task Case066_NoHttpCaching_EveryFetchIsAFullUnconditionalGet()
    {
        Server.Respond = Responses.Send(200, Responses.PlainText, PolicyBodies.Enforce,
            Responses.Header("Cache-Control", "max-age=31536000"),
            Responses.Header("ETag", "\"x\""),
            Responses.Header("Last-Modified", "Wed, 01 May 2024 00:00:00 GMT"),
            Responses.Header("Expires", "Thu, 01 May 2025 00:00:00 GMT"));
        PolicyFetchOptions options = Options();
        using System.Net.Http.SocketsHttpHandler handler = PolicyFetcher.CreateHandler(Resolver, options);
        using var client = new System.Net.Http.HttpClient(handler);
        var fetcher = new PolicyFetcher(client, options);
        PolicyDomain domain = PolicyDomain.Create("example.com");

        PolicyFetchResult first = await fetcher.FetchAsync(domain);
        PolicyFetchResult second = await fetcher.FetchAsync(domain);

        AssertEnforcePolicy(first);
        AssertEnforcePolicy(second);
        Assert.That(Server.Requests, Has.Count.EqualTo(2), "the second fetch reached the server");
        foreach (RecordedRequest request in Server.Requests)
        {
            Assert.That(request.Headers.Keys, Has.None.EqualTo("If-None-Match").IgnoreCase);
            Assert.That(request.Headers.Keys, Has.None.EqualTo("If-Modified-Since").IgnoreCase);
        }

        Assert.That(second.Policy!.MaxAgeSeconds, Is.EqualTo(604800), "the lifetime comes from max_age only");
    }

    [Test]
    public async Task Case077_InvalidBody_IsPolicyInvalidParse()
    {
        Server.Respond = Responses.Send(200, Responses.PlainText,
            PolicyBodies.Bytes(PolicyBodies.BaseWith("mode", "mode: bogus")));

        PolicyFetchResult result = await FetchAsync();

        AssertFailure(result, PolicyFetchOutcome.PolicyInvalid, PolicyFetchFailureReason.Parse);
        Assert.That(result.FailureReasonCode, Is.EqualTo("parse"));
        Assert.That(result.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(result.ParseResult!.IsValid, Is.False);
        Assert.That(result.ParseResult.Errors, Is.Not.Empty);
        Assert.That(result.Message, Does.Contain("line 2"));
    }
}
