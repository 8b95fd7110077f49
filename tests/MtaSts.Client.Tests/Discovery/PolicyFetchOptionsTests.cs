using System;
using System.Net.Http;
using MtaSts.Client.Discovery;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Discovery;

[TestFixture]
public sealed class PolicyFetchOptionsTests
{
    [Test]
    public void Defaults_AreThoseOfTheProjectDecisions()
    {
        var options = new PolicyFetchOptions();

        Assert.That(options.Timeout, Is.EqualTo(TimeSpan.FromSeconds(30)), "decision 17");
        Assert.That(options.CheckContentType, Is.True, "decision 16");
        Assert.That(options.AllowPrivateAddresses, Is.False, "decision 20");
        Assert.That(options.TrustRoots, Is.Empty, "the platform's trust store");
        Assert.That(options.CheckRevocation, Is.False, "decision 22: offline");
        Assert.That(options.AllowCertificateDownloads, Is.False, "decision 22: offline");
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Validate_TimeoutNotPositive_NamesTheProperty(int seconds)
    {
        var options = new PolicyFetchOptions { Timeout = TimeSpan.FromSeconds(seconds) };

        Assert.That(() => new PolicyFetcher(new HttpClient(), options),
            Throws.ArgumentException.With.Message.Contains("Timeout").And.Property("ParamName").EqualTo("options"));
        Assert.That(() => PolicyFetcher.CreateHandler(new StaticAddressResolver(), options),
            Throws.ArgumentException.With.Message.Contains("Timeout"));
    }

    [Test]
    public void Validate_TimeoutTooLong_NamesTheProperty()
    {
        var options = new PolicyFetchOptions { Timeout = TimeSpan.FromDays(30) };

        Assert.That(() => new PolicyFetcher(new HttpClient(), options),
            Throws.ArgumentException.With.Message.Contains("Timeout"));
    }

    [Test]
    public void Validate_SeveralProblems_ReportsThemAllAtOnce()
    {
        var options = new PolicyFetchOptions { Timeout = TimeSpan.Zero, ConnectPort = 70000 };

        Assert.That(() => new PolicyFetcher(new HttpClient(), options),
            Throws.ArgumentException.With.Message.Contains("Timeout").And.Message.Contains("ConnectPort"));
    }

    [Test]
    public void Validate_InfiniteTimeout_IsRefused()
    {
        var options = new PolicyFetchOptions { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

        Assert.That(() => new PolicyFetcher(new HttpClient(), options), Throws.ArgumentException);
    }
}
