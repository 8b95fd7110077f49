using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MtaSts.Client.Discovery;
using MtaSts.Client.Resolution;
using NUnit.Framework;

namespace MtaSts.Client.Tests.DependencyInjection;

[TestFixture]
public sealed class MtaStsServiceCollectionExtensionsTests
{
    [Test]
    public void AddMtaSts_RegistersOneResolverAndItsParts()
    {
        using ServiceProvider provider = new ServiceCollection().AddMtaSts().BuildServiceProvider();

        MtaStsPolicyResolver resolver = provider.GetRequiredService<MtaStsPolicyResolver>();

        Assert.That(provider.GetRequiredService<MtaStsPolicyResolver>(), Is.SameAs(resolver));
        Assert.That(provider.GetRequiredService<IPolicyStore>(), Is.InstanceOf<MemoryPolicyStore>());
        Assert.That(provider.GetRequiredService<MtaStsDnsClient>(), Is.Not.Null);
        Assert.That(provider.GetRequiredService<PolicyFetcher>(), Is.Not.Null);
    }

    [Test]
    public void AddMtaSts_KeepsAStoreAndClockRegisteredBefore()
    {
        var store = new MemoryPolicyStore();
        var clock = new FakeTimeProvider();
        using ServiceProvider provider = new ServiceCollection()
            .AddSingleton<IPolicyStore>(store)
            .AddSingleton<TimeProvider>(clock)
            .AddMtaSts()
            .BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IPolicyStore>(), Is.SameAs(store));
        Assert.That(provider.GetRequiredService<TimeProvider>(), Is.SameAs(clock));
        Assert.That(provider.GetRequiredService<MtaStsPolicyResolver>(), Is.Not.Null);
    }

    [Test]
    public void AddMtaSts_InvalidOptions_ResolvingNamesEveryBadSetting()
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddMtaSts(options =>
            {
                options.Dns.Retries = -1;
                options.Resolver.DiscoveryTimeout = TimeSpan.Zero;
            })
            .BuildServiceProvider();

        Assert.That(
            () => provider.GetRequiredService<MtaStsPolicyResolver>(),
            Throws.InstanceOf<ArgumentException>().With.Message.Contains(nameof(MtaStsDnsOptions.Retries)));
    }
}
