using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using MtaSts.Client.Tests.Conformance;
using Moq;
using Moq.Protected;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Discovery;

/// <summary>
/// <see cref="PolicyFetcher"/> against hostile and broken Policy Hosts, its address guard, its
/// deadline and clock, and misuse. Timing assertions are loose on purpose: the machine is shared.
/// </summary>
[TestFixture]
public sealed class PolicyFetcherTests : PolicyHostTestBase
{
    private const string ProviderPolicyUri = "https://mta-sts.provider.example/.well-known/mta-sts.txt";

    private static readonly TimeSpan s_generous = TimeSpan.FromSeconds(10);

    [Test]
    public async Task FetchAsync_OneBytePerSecond_IsCutOffAtTheDeadline()
    {
        Server.Respond = Stalling.OneBytePerSecond;
        PolicyFetchOptions options = Options();
        options.Timeout = TimeSpan.FromSeconds(2);
        var clock = Stopwatch.StartNew();

        PolicyFetchResult result = await FetchAsync(options);

        AssertFailure(result, PolicyFetchOutcome.FetchError, PolicyFetchFailureReason.Timeout);
        Assert.That(clock.Elapsed, Is.LessThan(s_generous));
    }

    [Test]
    public async Task FetchAsync_LoopbackWithPrivateAddressesRefused_IsAddressNotAllowedWithoutConnecting()
    {
        PolicyFetchOptions options = Options();
        options.AllowPrivateAddresses = false;

        PolicyFetchResult result = await FetchAsync(options);

        AssertFailure(result, PolicyFetchOutcome.FetchError, PolicyFetchFailureReason.AddressNotAllowed);
        Assert.That(result.FailureReasonCode, Is.EqualTo("address-not-allowed"));
        Assert.That(result.Message, Does.Contain("127.0.0.1"));
        Assert.That(Server.Connections, Is.Zero, "no connection is made");
    }

    [Test]
    public async Task FetchAsync_EveryAddressNotGlobal_IsRefusedWithoutConnecting()
    {
        Resolver.Map(PolicyHost,
            IPAddress.IPv6Loopback, IPAddress.Parse("::ffff:127.0.0.1"), IPAddress.Parse("169.254.1.1"));
        PolicyFetchOptions options = Options();
        options.AllowPrivateAddresses = false;

        PolicyFetchResult result = await FetchAsync(options);

        AssertFailure(result, PolicyFetchOutcome.FetchError, PolicyFetchFailureReason.AddressNotAllowed);
        Assert.That(Server.Connections, Is.Zero);
    }

    [Test]
    public async Task FetchAsync_FirstAddressRefusesConnections_TriesTheNext()
    {
        // The server listens on 127.0.0.1 only, so ::1 on its port is refused (or absent).
        Resolver.Map(PolicyHost, IPAddress.IPv6Loopback, IPAddress.Loopback);

        AssertEnforcePolicy(await FetchAsync());
        Assert.That(Resolver.Queries, Has.Count.EqualTo(1), "one lookup serves every attempt");
    }

    [Test]
    public async Task FetchAsync_NothingListening_IsConnect()
    {
        PolicyFetchOptions options = Options();
        options.ConnectPort = UnusedPort();

        PolicyFetchResult result = await FetchAsync(options);

        AssertFailure(result, PolicyFetchOutcome.FetchError, PolicyFetchFailureReason.Connect);
        Assert.That(result.Message, Does.Contain("ConnectionRefused"));
    }

    [Test]
    public async Task FetchAsync_PeerSpeaksNoTls_IsTls()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Task peer = AnswerInPlainTextAsync(listener);
        PolicyFetchOptions options = Options();
        options.ConnectPort = ((IPEndPoint)listener.LocalEndpoint).Port;

        PolicyFetchResult result = await FetchAsync(options);

        AssertFailure(result, PolicyFetchOutcome.FetchError, PolicyFetchFailureReason.Tls);
        await peer.WaitAsync(s_generous);
    }

    [Test]
    public async Task FetchAsync_ConnectionClosedMidBody_IsProtocol()
    {
        Server.Respond = async context =>
        {
            context.Response.ContentType = Responses.PlainText;
            context.Response.ContentLength = 1000;
            await context.Response.Body.WriteAsync("version: STSv1\n"u8.ToArray(), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            context.Abort();
        };

        PolicyFetchResult result = await FetchAsync();

        AssertFailure(result, PolicyFetchOutcome.FetchError, PolicyFetchFailureReason.Protocol);
    }

    [Test]
    public async Task FetchAsync_ServerOnlyOffersTls12_IsThePolicy()
    {
        Server.Protocols = SslProtocols.Tls12;

        AssertEnforcePolicy(await FetchAsync());
    }

    [Test]
    public async Task FetchAsync_ChunkedPolicy_IsThePolicy()
    {
        Server.Respond = async context =>
        {
            context.Response.ContentType = Responses.PlainText;
            foreach (byte b in PolicyBodies.Enforce)
            {
                await context.Response.Body.WriteAsync(new[] { b }, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        };

        AssertEnforcePolicy(await FetchAsync());
    }

    [Test]
    public void FetchAsync_CallerCancels_Throws()
    {
        Server.Respond = Stalling.HeadersThenNothing;
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        Assert.That(async () => await FetchAsync(cancellationToken: cancellation.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void FetchAsync_AlreadyCanceled_ThrowsWithoutRequesting()
    {
        Assert.That(async () => await FetchAsync(cancellationToken: new CancellationToken(canceled: true)),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(Server.Connections, Is.Zero);
    }

    [Test]
    public void FetchAsync_NullDomain_Throws()
    {
        using var client = new HttpClient();
        var fetcher = new PolicyFetcher(client);

        Assert.That(async () => await fetcher.FetchAsync(null!), Throws.ArgumentNullException);
    }

    [Test]
    public void Constructor_NullClient_Throws()
    {
        Assert.That(() => new PolicyFetcher(null!), Throws.ArgumentNullException);
    }

    [Test]
    public void CreateHandler_NullResolver_Throws()
    {
        Assert.That(() => PolicyFetcher.CreateHandler(null!), Throws.ArgumentNullException);
    }

    [Test]
    public void CreateHandler_IsConfiguredAsRfc8461Requires()
    {
        using SocketsHttpHandler handler = PolicyFetcher.CreateHandler(Resolver);

        Assert.That(handler.AllowAutoRedirect, Is.False);
        Assert.That(handler.UseCookies, Is.False);
        Assert.That(handler.UseProxy, Is.False);
        Assert.That(handler.AutomaticDecompression, Is.EqualTo(DecompressionMethods.All));
        Assert.That(handler.ConnectTimeout, Is.EqualTo(PolicyFetchOptions.DefaultTimeout));
        Assert.That(handler.SslOptions.EnabledSslProtocols, Is.EqualTo(SslProtocols.Tls12 | SslProtocols.Tls13));
        Assert.That(handler.SslOptions.RemoteCertificateValidationCallback, Is.Not.Null);
        Assert.That(handler.ConnectCallback, Is.Not.Null);
    }

    [Test]
    public async Task Options_ChangedAfterCreation_DoNotReachTheFetcher()
    {
        PolicyFetchOptions options = Options();
        using SocketsHttpHandler handler = PolicyFetcher.CreateHandler(Resolver, options);
        using var client = new HttpClient(handler);
        var fetcher = new PolicyFetcher(client, options);
        options.AllowPrivateAddresses = false;
        options.TrustRoots.Clear();
        options.CheckContentType = false;
        Server.Respond = Responses.Send(200, "text/html", PolicyBodies.Enforce);

        PolicyFetchResult result = await fetcher.FetchAsync(PolicyDomain.Create("example.com"));

        AssertFailure(result, PolicyFetchOutcome.PolicyInvalid, PolicyFetchFailureReason.ContentType);
    }

    [Test]
    public async Task FetchAsync_ClockPastTheCertificate_IsExpired()
    {
        // The injected clock, not the machine's, decides whether the certificate is current.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(60));
        PolicyFetchOptions options = Options();
        using SocketsHttpHandler handler = PolicyFetcher.CreateHandler(Resolver, options, clock);
        using var client = new HttpClient(handler);
        var fetcher = new PolicyFetcher(client, options, clock);

        PolicyFetchResult result = await fetcher.FetchAsync(PolicyDomain.Create("example.com"));

        AssertFailure(result, PolicyFetchOutcome.WebPkiInvalid, PolicyFetchFailureReason.Expired);
    }

    [Test]
    public async Task FetchAsync_DeadlineOnTheInjectedClock_IsTimeout()
    {
        var clock = new FakeTimeProvider();
        var answer = new TaskCompletionSource();
        using var client = new HttpClient(StallingHandler(answer).Object);
        var fetcher = new PolicyFetcher(client, new PolicyFetchOptions { Timeout = TimeSpan.FromSeconds(30) }, clock);

        Task<PolicyFetchResult> fetch = fetcher.FetchAsync(PolicyDomain.Create("example.com"));
        await answer.Task.WaitAsync(s_generous);
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.That(fetch.IsCompleted, Is.False);
        clock.Advance(TimeSpan.FromSeconds(1));
        PolicyFetchResult result = await fetch.WaitAsync(s_generous);

        AssertFailure(result, PolicyFetchOutcome.FetchError, PolicyFetchFailureReason.Timeout);
        Assert.That(result.Message, Does.Contain("30 s"));
    }

    [Test]
    public async Task FetchAsync_ClientTimeoutShorterThanTheDeadline_IsTimeout()
    {
        using var client = new HttpClient(StallingHandler(new TaskCompletionSource()).Object)
        {
            Timeout = TimeSpan.FromMilliseconds(200),
        };
        var fetcher = new PolicyFetcher(client);

        PolicyFetchResult result = await fetcher.FetchAsync(PolicyDomain.Create("example.com"));

        AssertFailure(result, PolicyFetchOutcome.FetchError, PolicyFetchFailureReason.Timeout);
    }

    [Test]
    public async Task FetchAsync_HandlerThatFollowedARedirect_IsRedirect()
    {
        // A client not built on CreateHandler may follow redirects itself; the answer is then from elsewhere.
        var handler = StrictHandler();
        handler.Protected()
            .Setup<Task<HttpResponseMessage>>(
                "SendAsync", ItExpr.IsAny<HttpRequestMessage>(), ItExpr.IsAny<CancellationToken>())
            .ReturnsAsync(new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = new HttpRequestMessage(HttpMethod.Get, ProviderPolicyUri),
                Content = new ByteArrayContent(PolicyBodies.Enforce) { Headers = { { "Content-Type", "text/plain" } } },
            });
        using var client = new HttpClient(handler.Object);
        var fetcher = new PolicyFetcher(client);

        PolicyFetchResult result = await fetcher.FetchAsync(PolicyDomain.Create("example.com"));

        AssertFailure(result, PolicyFetchOutcome.FetchError, PolicyFetchFailureReason.Redirect);
        Assert.That(result.Message, Does.Contain("mta-sts.provider.example"));
    }

    [Test]
    public async Task CreateHandler_AsThePrimaryHandlerOfAFactoryClient_Fetches()
    {
        PolicyFetchOptions options = Options();
        var services = new ServiceCollection();
        services.AddHttpClient("mta-sts")
            .ConfigurePrimaryHttpMessageHandler(() => PolicyFetcher.CreateHandler(Resolver, options));
        using ServiceProvider provider = services.BuildServiceProvider();
        HttpClient client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("mta-sts");
        var fetcher = new PolicyFetcher(client, options);

        AssertEnforcePolicy(await fetcher.FetchAsync(PolicyDomain.Create("example.com")));
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task AnswerInPlainTextAsync(TcpListener listener)
    {
        using TcpClient connection = await listener.AcceptTcpClientAsync();
        NetworkStream stream = connection.GetStream();
        byte[] buffer = new byte[4096];
        _ = await stream.ReadAsync(buffer);
        await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n"u8.ToArray());
    }

    /// <summary>A handler that never answers until canceled, and says when the request has arrived.</summary>
    private static Mock<HttpMessageHandler> StallingHandler(TaskCompletionSource arrived)
    {
        Mock<HttpMessageHandler> handler = StrictHandler();
        handler.Protected()
            .Setup<Task<HttpResponseMessage>>(
                "SendAsync", ItExpr.IsAny<HttpRequestMessage>(), ItExpr.IsAny<CancellationToken>())
            .Returns(async (HttpRequestMessage _, CancellationToken cancellationToken) =>
            {
                arrived.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new InvalidOperationException("A canceled delay never ends normally.");
            });
        return handler;
    }

    private static Mock<HttpMessageHandler> StrictHandler()
    {
        var handler = new Mock<HttpMessageHandler>(MockBehavior.Strict);
        handler.Protected().Setup("Dispose", ItExpr.IsAny<bool>());
        return handler;
    }
}
