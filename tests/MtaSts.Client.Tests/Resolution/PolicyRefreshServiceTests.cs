using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
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

    private ScriptedResolver _scripted = null!;

    private FakeTimeProvider Time => _scripted.Time;

    private ScriptedTxtRecords Dns => _scripted.Dns;

    private ScriptedPolicyHost Host => _scripted.Host;

    private MtaStsPolicyResolver Resolver => _scripted.Resolver;

    [SetUp]
    public void SetUp() => _scripted = new ScriptedResolver();

    [TearDown]
    public void TearDown() => _scripted.Dispose();

    [Test]
    public async Task Case190_ScheduledRefresh_RenewsAPolicyOlderThanTheThreshold()
    {
        Dns.Publish("A1");
        Host.Serve(PBase);
        await Resolver.ResolveAsync(s_domain);
        var options = new PolicyRefreshOptions { Interval = TimeSpan.FromHours(1), OlderThan = TimeSpan.FromDays(1) };
        var logger = new FakeLogger<PolicyRefreshService>();
        using var service = new PolicyRefreshService(Resolver, options, Time, logger);
        await service.StartAsync(CancellationToken.None);

        // The service may start its timer on a thread of its own: time moves until its first round.
        for (int minutes = 0; minutes < 120 && logger.Collector.Count == 0; minutes++)
        {
            Time.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(10);
        }

        Assert.That(logger.Collector.Count, Is.EqualTo(1), "one round within two hours");
        Assert.That(Host.Requests, Is.EqualTo(1), "a policy an hour old is left alone");
        Assert.That(logger.LatestRecord.Message, Does.Contain("0 cached policies"));

        Time.Advance(TimeSpan.FromDays(1));
        await WaitForAsync(() => logger.Collector.Count >= 2);
        await service.StopAsync(CancellationToken.None);

        Assert.That(Host.Requests, Is.EqualTo(2));

        Assert.That(Resolver.GetCachedPolicy(s_domain)!.FetchedAt, Is.EqualTo(Time.GetUtcNow()).Within(TimeSpan.FromHours(1)));
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
