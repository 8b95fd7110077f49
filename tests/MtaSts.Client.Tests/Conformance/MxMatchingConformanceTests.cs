using System.Linq;
using MtaSts.Client.Policies;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Conformance;

/// <summary>
/// Conformance cases 128-140 (section D): whether an MX host is covered by a policy's <c>mx</c>
/// patterns, RFC 8461 §4.1 (RFC 6125 §6.4 matching, a wildcard only as the whole left-most label).
/// Each case is checked on a parsed policy and on the pattern alone.
/// </summary>
[TestFixture]
public sealed class MxMatchingConformanceTests
{
    private static MtaStsPolicy PolicyWith(params string[] patterns)
    {
        string body = "version: STSv1\nmode: enforce\n"
            + string.Concat(patterns.Select(p => "mx: " + p + "\n"))
            + "max_age: 86400\n";
        PolicyParseResult result = PolicyBodies.Parse(body, ParsingProfile.Strict);
        DiagnosticAssert.IsClean(result);
        return result.Policy!;
    }

    private static void AssertMatch(string pattern, string host, bool expected)
    {
        Assert.That(PolicyWith(pattern).Matches(host), Is.EqualTo(expected), $"policy mx: {pattern}, host {host}");
        Assert.That(MxPattern.Parse(pattern).Matches(host), Is.EqualTo(expected), $"pattern {pattern}, host {host}");
    }

    [Test]
    public void Case128_Exact_Matches()
    {
        AssertMatch("mail.example.com", "mail.example.com", expected: true);
    }

    [TestCase("mail.example.com", "MAIL.Example.COM")]
    [TestCase("MAIL.EXAMPLE.COM", "mail.example.com")]
    public void Case129_Case_Matches(string pattern, string host)
    {
        AssertMatch(pattern, host, expected: true);
    }

    [Test]
    public void Case130_TrailingDotOnHost_Matches()
    {
        AssertMatch("mail.example.com", "mail.example.com.", expected: true);
    }

    [Test]
    public void Case131_WildcardOneLabel_Matches()
    {
        AssertMatch("*.example.com", "mail.example.com", expected: true);
    }

    [Test]
    public void Case132_WildcardVsApex_DoesNotMatch()
    {
        AssertMatch("*.example.com", "example.com", expected: false);
    }

    [Test]
    public void Case133_WildcardVsTwoLabels_DoesNotMatch()
    {
        AssertMatch("*.example.com", "a.b.example.com", expected: false);
    }

    [Test]
    public void Case134_WildcardWithTrailingDotHost_Matches()
    {
        AssertMatch("*.example.com", "mail.example.com.", expected: true);
    }

    [TestCase("mail.badexample.com")]
    [TestCase("foo.mail.example.com")]
    public void Case135_SuffixStringTrap_DoesNotMatch(string host)
    {
        AssertMatch("*.example.com", host, expected: false);
    }

    [TestCase("P_ENF.txt")]
    [TestCase("P_TEST.txt")]
    public void Case136_OtherDomain_OnlyTheCoveringPatternMatches(string fixture)
    {
        PolicyParseResult result = PolicyParser.Parse(PolicyBodies.Load(fixture));
        DiagnosticAssert.IsClean(result);
        MtaStsPolicy policy = result.Policy!;

        Assert.That(policy.TryMatch("mail.example.org", out _), Is.False);
        Assert.That(policy.TryMatch("mx1.example.net", out MxPattern matched), Is.True);
        Assert.That(matched.Value, Is.EqualTo("*.example.net"));
    }

    [TestCase("mx.b\u00FCcher.example")]
    [TestCase("MX.XN--BCHER-KVA.EXAMPLE")]
    public void Case137_Idn_HostIsComparedAsALabel(string host)
    {
        AssertMatch("mx.xn--bcher-kva.example", host, expected: true);
    }

    [TestCase("example.com", true)]
    [TestCase("*.example.com", false)]
    public void Case138_ImplicitMx_DomainIsTheCandidate(string pattern, bool expected)
    {
        AssertMatch(pattern, "example.com", expected);
    }

    [Test]
    public void Case136_FixtureTestingPolicy_IsTheEnforcePolicyInModeTesting()
    {
        byte[] expected = PolicyBodies.Bytes(
            "version: STSv1\r\nmode: testing\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmax_age: 604800\r\n");

        Assert.That(PolicyBodies.Testing, Is.EqualTo(expected));
    }

    [Test]
    public void Case139_ModeNone_HasNoPatternsToCheck()
    {
        byte[] body = PolicyBodies.None;

        PolicyParseResult result = PolicyParser.Parse(body);

        Assert.That(body, Is.EqualTo(PolicyBodies.Bytes("version: STSv1\r\nmode: none\r\nmax_age: 86400\r\n")));
        DiagnosticAssert.IsClean(result);
        Assert.That(result.Policy!.Mode, Is.EqualTo(PolicyMode.None));
        Assert.That(result.Policy.MxPatterns, Is.Empty);
        Assert.That(result.Policy.MaxAgeSeconds, Is.EqualTo(86400));
    }

    [Test]
    public void Case140_HostWithWildcardLabel_DoesNotMatch()
    {
        AssertMatch("*.example.com", "*.example.com", expected: false);
    }
}
