using System;
using MtaSts.Client.Discovery;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Discovery;

[TestFixture]
public sealed class DnsResolutionExceptionTests
{
    [Test]
    public void Constructor_HostAndReason_KeepsBothAndNamesThemInTheMessage()
    {
        var inner = new TimeoutException();
        var exception = new DnsResolutionException("mta-sts.example.com", "no answer in time", inner);

        Assert.That(exception.HostName, Is.EqualTo("mta-sts.example.com"));
        Assert.That(exception.Reason, Is.EqualTo("no answer in time"));
        Assert.That(exception.Message, Does.Contain("mta-sts.example.com").And.Contain("no answer in time"));
        Assert.That(exception.InnerException, Is.SameAs(inner));
    }

    [Test]
    public void Constructor_MessageOnly_HasNoHostName()
    {
        var exception = new DnsResolutionException("lookup failed");

        Assert.That(exception.HostName, Is.Empty);
        Assert.That(exception.Reason, Is.EqualTo("lookup failed"));
        Assert.That(new DnsResolutionException().Message, Is.Not.Empty);
    }
}
