using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Resolution;

/// <summary>The hosted refresh: RFC 8461 §3.3's proactive renewal (case 190) on a schedule.</summary>
[TestFixture]
public sealed class PolicyRefreshServiceTests
{
    private const string PBase = "version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 604800\n";

    private static readonly PolicyDomain s_domain = PolicyDomain.Create("example.com");

    private FakeTimeProvider _time = null!;
    private ScriptedTxtRecords _dns = null!;
    private ScriptedPolicyHost _host = null!;
    private MtaStsPolicyResolver _resolver = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero));
        _dns = new ScriptedTxtRecords();
        _host = new ScriptedPolicyHost();
        _resolver = new MtaStsPolicyResolver(
            new MtaStsDnsClient(_dns.Lookup.Object),
            new PolicyFetcher(new HttpClient(_host), timeProvider: _time),
            timeProvider: _time);
    }

    [TearDown]
    public void TearDown() => _host.Dispose();

    [Test]
    public async Task Case190_ScheduledRefresh_RenewsAPolicyOlderThanTheThreshold()
    {
        _dns.Publish("A1");
        _host.Serve(PBase);
        await _resolver.ResolveAsync(s_domain);
        var options = new PolicyRefreshOptions { Interval = TimeSpan.FromHours(1), OlderThan = TimeSpan.FromDays(1) };
        var logger = new FakeLogger<PolicyRefreshService>();
        using var service = new PolicyRefreshService(_resolver, options, _time, logger);
        await service.StartAsync(CancellationToken.None);

        // The service may start its timer on a thread of its own: time moves until its first round.
        for (int minutes = 0; minutes < 120 && logger.Collector.Count == 0; minutes++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(10);
        }

        Assert.That(logger.Collector.Count, Is.EqualTo(1), "one round within two hours");
        Assert.That(_host.Requests, Is.EqualTo(1), "a policy an hour old is left alone");
        Assert.That(logger.LatestRecord.Message, Does.Contain("0 cached policies"));

        _time.Advance(TimeSpan.FromDays(1));
        await WaitForAsync(() => logger.Collector.Count >= 2);
        await service.StopAsync(CancellationToken.None);

        Assert.That(_host.Requests, Is.EqualTo(2));

        Assert.That(_resolver.GetCachedPolicy(s_domain)!.FetchedAt, Is.EqualTo(_time.GetUtcNow()).Within(TimeSpan.FromHours(1)));
    }

    [Test]
    public void Options_Invalid_NameEverySetting()
    {
        var options = new PolicyRefreshOptions { Interval = TimeSpan.Zero, OlderThan = TimeSpan.FromSeconds(-1) };

        Assert.That(() => options.Validate(),
            Throws.ArgumentException.With.Message.Contains("Interval").And.Message.Contains("OlderThan"));
    }

    [Test]
    public void AddMtaStsPolicyRefresh_RegistersOneHostedService()
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddMtaSts()
            .AddMtaStsPolicyRefresh(options => options.Interval = TimeSpan.FromMinutes(30))
            .BuildServiceProvider();

        IHostedService[] services = provider.GetServices<IHostedService>().ToArray();

        Assert.That(services, Has.Length.EqualTo(1));
        Assert.That(services[0], Is.InstanceOf<PolicyRefreshService>());
    }

    /// <summary>Waits for the service's own thread to get there; it is not a measure of speed.</summary>
    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (int i = 0; i < 3000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.That(condition(), Is.True);
    }
}
