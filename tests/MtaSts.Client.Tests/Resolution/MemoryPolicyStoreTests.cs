using System;
using System.Linq;
using Microsoft.Extensions.Caching.Memory;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Resolution;

[TestFixture]
public sealed class MemoryPolicyStoreTests
{
    private static readonly DateTimeOffset s_t0 = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private static CachedPolicy Entry(string domain, string id, int maxAge = 86400) => new(
        PolicyDomain.Create(domain),
        id,
        MtaStsPolicy.Parse(System.Text.Encoding.ASCII.GetBytes(
            $"version: STSv1\nmode: enforce\nmx: mail.{domain}\nmax_age: {maxAge}\n")),
        s_t0);

    [Test]
    public void Save_ThenFind_ByAnyFormOfTheDomain()
    {
        using var store = new MemoryPolicyStore();
        store.Save(Entry("example.com", "A1"));

        Assert.That(store.Find(PolicyDomain.Create("Example.COM."))?.PolicyId, Is.EqualTo("A1"));
        Assert.That(store.Find(PolicyDomain.Create("sub.example.com")), Is.Null);
    }

    [Test]
    public void Save_SameDomain_ReplacesTheEntry()
    {
        using var store = new MemoryPolicyStore();
        store.Save(Entry("example.com", "A1"));
        store.Save(Entry("example.com", "A2"));

        Assert.That(store.Find(PolicyDomain.Create("example.com"))?.PolicyId, Is.EqualTo("A2"));
        Assert.That(store.GetAll(), Has.Count.EqualTo(1));
    }

    [Test]
    public void Remove_DropsTheEntryFromFindAndGetAll()
    {
        using var store = new MemoryPolicyStore();
        store.Save(Entry("example.com", "A1"));
        store.Save(Entry("example.org", "B1"));

        Assert.That(store.Remove(PolicyDomain.Create("example.com")), Is.True);
        Assert.That(store.Remove(PolicyDomain.Create("example.com")), Is.False);
        Assert.That(store.Find(PolicyDomain.Create("example.com")), Is.Null);
        Assert.That(store.GetAll().Select(e => e.Domain.Name), Is.EqualTo(new[] { "example.org" }));
    }

    [Test]
    public void SharedCache_UnderCompaction_KeepsPolicies()
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var store = new MemoryPolicyStore(cache);
        store.Save(Entry("example.com", "A1"));

        cache.Compact(1.0);

        Assert.That(store.Find(PolicyDomain.Create("example.com")), Is.Not.Null);
    }

    [Test]
    public void Case182_ExpiryBoundary_ValidAtMaxAgeExpiredOneSecondLater()
    {
        CachedPolicy entry = Entry("example.com", "A1", maxAge: 86400);

        Assert.That(entry.IsValidAt(s_t0.AddSeconds(86400)), Is.True);
        Assert.That(entry.IsValidAt(s_t0.AddSeconds(86401)), Is.False);
    }

    [Test]
    public void Case183_MaxAgeZero_ValidOnlyAtTheInstantOfFetching()
    {
        CachedPolicy entry = Entry("example.com", "A1", maxAge: 0);

        Assert.That(entry.IsValidAt(s_t0), Is.True);
        Assert.That(entry.IsValidAt(s_t0.AddSeconds(1)), Is.False);
    }
}
