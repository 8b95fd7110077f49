using System;
using System.Net;
using MtaSts.Client.Discovery;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Discovery;

[TestFixture]
public sealed class MtaStsDnsOptionsTests
{
    [Test]
    public void Defaults_AreTheDocumentedValues()
    {
        var options = new MtaStsDnsOptions();

        Assert.That(options.Servers, Is.Empty);
        Assert.That(options.Timeout, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(options.Retries, Is.EqualTo(2));
        Assert.That(options.MaximumCacheTime, Is.EqualTo(TimeSpan.FromMinutes(5)));
        Assert.That(options.Validate, Throws.Nothing);
    }

    [Test]
    public void Validate_ServersAndZeroCache_AreValid()
    {
        var options = new MtaStsDnsOptions { MaximumCacheTime = TimeSpan.Zero, Retries = 0 };
        options.Servers.Add(new IPEndPoint(IPAddress.Loopback, 53));
        options.Servers.Add(new IPEndPoint(IPAddress.IPv6Loopback, 5353));

        Assert.That(options.Validate, Throws.Nothing);
    }

    [Test]
    public void Validate_SeveralProblems_ReportsEveryOneNamingItsProperty()
    {
        var options = new MtaStsDnsOptions
        {
            Timeout = TimeSpan.Zero,
            Retries = -1,
            MaximumCacheTime = TimeSpan.FromSeconds(-1),
        };
        options.Servers.Add(new IPEndPoint(IPAddress.Loopback, 0));
        options.Servers.Add(null!);

        ArgumentException? exception = Assert.Throws<ArgumentException>(options.Validate);

        Assert.That(exception!.Message, Does.Contain("Timeout")
            .And.Contain("Retries")
            .And.Contain("MaximumCacheTime")
            .And.Contain("Servers[0]")
            .And.Contain("Servers[1] is null"));
    }

    [TestCase(-1)]
    [TestCase(0)]
    public void Validate_TimeoutNotPositive_Reports(int seconds)
    {
        var options = new MtaStsDnsOptions { Timeout = TimeSpan.FromSeconds(seconds) };

        Assert.That(options.Validate, Throws.ArgumentException.With.Message.Contains("Timeout"));
    }

    [Test]
    public void Validate_InfiniteTimeout_Reports()
    {
        var options = new MtaStsDnsOptions { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

        Assert.That(options.Validate, Throws.ArgumentException.With.Message.Contains("Timeout"));
    }

    [Test]
    public void Validate_CacheTimeBeyondDnsClientLimit_Reports()
    {
        var options = new MtaStsDnsOptions { MaximumCacheTime = TimeSpan.FromDays(25) };

        Assert.That(options.Validate, Throws.ArgumentException.With.Message.Contains("MaximumCacheTime"));
    }

    [TestCase("0.0.0.0")]
    [TestCase("::")]
    [TestCase("255.255.255.255")]
    public void Validate_ServerWithoutAServerAddress_Reports(string address)
    {
        var options = new MtaStsDnsOptions();
        options.Servers.Add(new IPEndPoint(IPAddress.Parse(address), 53));

        Assert.That(options.Validate, Throws.ArgumentException.With.Message.Contains("Servers[0]"));
    }
}
