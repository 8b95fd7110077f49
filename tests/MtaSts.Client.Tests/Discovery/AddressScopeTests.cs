using System.Net;
using MtaSts.Client.Discovery;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Discovery;

/// <summary>The address guard of project decision 20: which Policy Host addresses are global.</summary>
[TestFixture]
public sealed class AddressScopeTests
{
    [TestCase("0.0.0.0")]
    [TestCase("0.1.2.3")]
    [TestCase("10.1.2.3")]
    [TestCase("100.64.0.1")]
    [TestCase("100.127.255.254")]
    [TestCase("127.0.0.1")]
    [TestCase("127.255.0.1")]
    [TestCase("169.254.169.254")]
    [TestCase("172.16.0.1")]
    [TestCase("172.31.255.255")]
    [TestCase("192.0.0.8")]
    [TestCase("192.0.2.1")]
    [TestCase("192.88.99.1")]
    [TestCase("192.168.1.1")]
    [TestCase("198.18.0.1")]
    [TestCase("198.19.255.255")]
    [TestCase("198.51.100.5")]
    [TestCase("203.0.113.9")]
    [TestCase("224.0.0.1")]
    [TestCase("239.255.255.250")]
    [TestCase("240.0.0.1")]
    [TestCase("255.255.255.255")]
    [TestCase("::")]
    [TestCase("::1")]
    [TestCase("::ffff:127.0.0.1")]
    [TestCase("::ffff:10.0.0.1")]
    [TestCase("64:ff9b::a00:1")]
    [TestCase("fc00::1")]
    [TestCase("fd12:3456:789a::1")]
    [TestCase("fe80::1")]
    [TestCase("fec0::1")]
    [TestCase("ff02::1")]
    [TestCase("2001:db8::1")]
    [TestCase("2001::1")]
    [TestCase("2002:7f00:1::1")]
    [TestCase("3fff::1")]
    [TestCase("100::1")]
    public void IsGlobal_SpecialPurposeAddress_IsFalse(string address)
    {
        Assert.That(AddressScope.IsGlobal(IPAddress.Parse(address)), Is.False);
    }

    [TestCase("1.1.1.1")]
    [TestCase("8.8.8.8")]
    [TestCase("100.63.255.255")]
    [TestCase("100.128.0.1")]
    [TestCase("172.15.255.255")]
    [TestCase("172.32.0.1")]
    [TestCase("192.0.3.1")]
    [TestCase("192.169.0.1")]
    [TestCase("198.20.0.1")]
    [TestCase("223.255.255.254")]
    [TestCase("::ffff:93.184.216.34")]
    [TestCase("64:ff9b::5db8:d822")]
    [TestCase("2002:5db8:d822::1")]
    [TestCase("2606:4700:4700::1111")]
    [TestCase("2a00:1450:4001:80b::200e")]
    public void IsGlobal_PublicAddress_IsTrue(string address)
    {
        Assert.That(AddressScope.IsGlobal(IPAddress.Parse(address)), Is.True);
    }
}
