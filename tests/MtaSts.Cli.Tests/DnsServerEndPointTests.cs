using System.Net;
using NUnit.Framework;

namespace MtaSts.Cli.Tests;

[TestFixture]
public sealed class DnsServerEndPointTests
{
    [TestCase("192.0.2.53", "192.0.2.53:53")]
    [TestCase("127.0.0.1:5353", "127.0.0.1:5353")]
    [TestCase("::1", "[::1]:53")]
    [TestCase("[::1]:5353", "[::1]:5353")]
    [TestCase("[::1]", "[::1]:53")]
    [TestCase("2001:db8::53", "[2001:db8::53]:53")]
    [TestCase("2001:db8::53:5353", "[2001:db8::53:5353]:53")]
    [TestCase("1.2.3.4:65535", "1.2.3.4:65535")]
    public void TryParse_AddressWithOptionalPort_GivesEndPoint(string text, string expected)
    {
        bool parsed = DnsServerEndPoint.TryParse(text, out IPEndPoint? endPoint);

        Assert.That(parsed, Is.True);
        Assert.That(endPoint!.ToString(), Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("dns.example.com")]
    [TestCase("dns.example.com:53")]
    [TestCase("127.1")]
    [TestCase("0x7f.0.0.1")]
    [TestCase("127.000.0.1")]
    [TestCase(" 127.0.0.1")]
    [TestCase("127.0.0.1:")]
    [TestCase("127.0.0.1:0")]
    [TestCase("127.0.0.1:65536")]
    [TestCase("127.0.0.1:+53")]
    [TestCase("127.0.0.1:053x")]
    [TestCase(":53")]
    [TestCase("[::1")]
    [TestCase("[::1]5353")]
    [TestCase("[::1]:")]
    [TestCase("[127.0.0.1]:53")]
    [TestCase("[]:53")]
    public void TryParse_NotAnAddressWithPort_IsFalse(string text)
    {
        bool parsed = DnsServerEndPoint.TryParse(text, out IPEndPoint? endPoint);

        Assert.That(parsed, Is.False);
        Assert.That(endPoint, Is.Null);
    }
}
