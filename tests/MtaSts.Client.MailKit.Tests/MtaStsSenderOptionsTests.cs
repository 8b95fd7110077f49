using System;
using NUnit.Framework;

namespace MtaSts.Client.MailKit.Tests;

[TestFixture]
public sealed class MtaStsSenderOptionsTests
{
    [Test]
    public void Validate_Defaults_Pass()
    {
        var options = new MtaStsSenderOptions();

        Assert.That(options.Validate, Throws.Nothing);
        Assert.That(options.Port, Is.EqualTo(25));
        Assert.That(options.ConnectTimeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public void Validate_EveryProblem_NamedAtOnce() =>
        Assert.That(() => new MtaStsSenderOptions { Port = 0, ConnectTimeout = TimeSpan.Zero }.Validate(),
            Throws.ArgumentException.With.Message.Contains("Port is 0").And.Message.Contains("ConnectTimeout is"));

    [Test]
    public void Sender_InvalidOptions_Throws()
    {
        var dns = new Discovery.MtaStsDnsClient();

        Assert.That(() => new MtaStsSmtpSender(LoopbackSetUp.Loopback.CreateResolver(dns), dns, null,
            new MtaStsSenderOptions { Port = 70_000 }), Throws.ArgumentException.With.Message.Contains("Port"));
    }
}
