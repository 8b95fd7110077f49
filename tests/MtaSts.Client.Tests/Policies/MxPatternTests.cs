using MtaSts.Client.Policies;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Policies;

[TestFixture]
public sealed class MxPatternTests
{
    [TestCase("mail.example.com", false)]
    [TestCase("*.example.com", true)]
    [TestCase("MAIL.Example.COM", false)]
    public void TryParse_ValidPattern_ReadsIt(string value, bool wildcard)
    {
        Assert.That(MxPattern.TryParse(value, out MxPattern pattern), Is.True);
        Assert.That(pattern.Value, Is.EqualTo(value));
        Assert.That(pattern.IsWildcard, Is.EqualTo(wildcard));
    }

    [TestCase("")]
    [TestCase("*")]
    [TestCase("*.")]
    [TestCase("mail.example.com.")]
    [TestCase("*.*.example.com")]
    public void TryParse_InvalidPattern_Fails(string value)
    {
        Assert.That(MxPattern.TryParse(value, out _), Is.False);
        Assert.That(() => MxPattern.Parse(value), Throws.InstanceOf<System.FormatException>());
    }

    [Test]
    public void Default_MatchesNothing()
    {
        MxPattern pattern = default;

        Assert.That(pattern.Matches("mail.example.com"), Is.False);
        Assert.That(pattern.Value, Is.Empty);
    }

    [Test]
    public void Equality_IgnoresAsciiCase()
    {
        MxPattern lower = MxPattern.Parse("mail.example.com");
        MxPattern upper = MxPattern.Parse("MAIL.EXAMPLE.COM");

        Assert.That(lower, Is.EqualTo(upper));
        Assert.That(lower.GetHashCode(), Is.EqualTo(upper.GetHashCode()));
        Assert.That(lower == upper, Is.True);
    }
}
