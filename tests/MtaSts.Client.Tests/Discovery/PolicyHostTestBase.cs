using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using MtaSts.Testing;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Discovery;

/// <summary>
/// Fixtures that fetch from the test Policy Host: one server per fixture, reset before each test,
/// and a resolver that puts <c>mta-sts.example.com</c> at 127.0.0.1. Fetches connect to the server's
/// port while the URL, SNI and certificate checks keep the real Policy Host name.
/// </summary>
public abstract class PolicyHostTestBase
{
    protected const string PolicyHost = "mta-sts.example.com";

    private PolicyHostServer? _server;

    private protected PolicyHostServer Server =>
        _server ?? throw new InvalidOperationException("The server has not started.");

    private protected StaticAddressResolver Resolver { get; set; } = new();

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        _server = await PolicyHostServer.StartAsync(TestPki.Trusted.Leaf(PolicyHost), Responses.Policy);
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [SetUp]
    public void ResetServer()
    {
        Server.Reset();
        Resolver = new StaticAddressResolver().Map(PolicyHost, IPAddress.Loopback);
    }

    /// <summary>Options for the test server: loopback allowed, the test root the only trust root.</summary>
    private protected PolicyFetchOptions Options()
    {
        var options = new PolicyFetchOptions
        {
            AllowPrivateAddresses = true,
            ConnectPort = Server.Port,
            Timeout = TimeSpan.FromSeconds(20),
        };
        options.TrustRoots.Add(TestPki.PublicPart(TestPki.Trusted.Root));
        return options;
    }

    private protected async Task<PolicyFetchResult> FetchAsync(
        PolicyFetchOptions? options = null,
        string domain = "example.com",
        CancellationToken cancellationToken = default)
    {
        options ??= Options();
        using SocketsHttpHandler handler = PolicyFetcher.CreateHandler(Resolver, options);
        using var client = new HttpClient(handler);
        var fetcher = new PolicyFetcher(client, options);
        return await fetcher.FetchAsync(PolicyDomain.Create(domain), cancellationToken);
    }

    private protected static void AssertFailure(
        PolicyFetchResult result,
        PolicyFetchOutcome outcome,
        PolicyFetchFailureReason reason)
    {
        Assert.That(result.Outcome, Is.EqualTo(outcome), result.Message);
        Assert.That(result.FailureReason, Is.EqualTo(reason), result.Message);
        Assert.That(result.IsFetched, Is.False);
        Assert.That(result.Policy, Is.Null);
        string expectedType = outcome switch
        {
            PolicyFetchOutcome.FetchError => "sts-policy-fetch-error",
            PolicyFetchOutcome.WebPkiInvalid => "sts-webpki-invalid",
            _ => "sts-policy-invalid",
        };
        Assert.That(result.ResultType, Is.EqualTo(expectedType));
    }

    private protected static void AssertEnforcePolicy(PolicyFetchResult result)
    {
        Assert.That(result.Outcome, Is.EqualTo(PolicyFetchOutcome.Fetched), result.Message);
        Assert.That(result.IsFetched, Is.True);
        Assert.That(result.ResultType, Is.Null);
        Assert.That(result.FailureReason, Is.EqualTo(PolicyFetchFailureReason.None));
        Assert.That(result.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(result.Policy!.Mode, Is.EqualTo(PolicyMode.Enforce));
        Assert.That(result.Policy.MaxAgeSeconds, Is.EqualTo(604800));
        Assert.That(result.Policy.MxPatterns, Has.Count.EqualTo(2));
        Assert.That(result.Policy.MxPatterns[0].Value, Is.EqualTo("mail.example.com"));
        Assert.That(result.Policy.MxPatterns[1].Value, Is.EqualTo("*.example.net"));
    }
}
