using System;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MtaSts.Client.Decision;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;
using MtaSts.Testing;
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

    [Test]
    public void AddMtaSts_RegistersAnMxCheckerWithTheConfiguredTrustRoots()
    {
        using var root = TestPki.PublicPart(TestPki.Trusted.Root);
        using ServiceProvider provider = new ServiceCollection()
            .AddMtaSts(options => options.MxCertificates.TrustRoots.Add(root))
            .BuildServiceProvider();
        ServerCertificate server = TestPki.Trusted.Leaf("mail.example.com");
        using var leaf = TestPki.PublicPart(server.Leaf);
        using var chain = new X509Chain();
        chain.ChainPolicy.ExtraStore.Add(TestPki.PublicPart(server.Intermediates[0]));
        MtaStsPolicy policy = MtaStsPolicy.Parse("version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 86400\n"u8);

        MxChecker checker = provider.GetRequiredService<MxChecker>();

        Assert.That(provider.GetRequiredService<MxChecker>(), Is.SameAs(checker));
        Assert.That(checker.CheckMxForPolicy(policy, "mail.example.com", leaf, chain).Verdict, Is.EqualTo(MxVerdict.Deliver));
    }
}
