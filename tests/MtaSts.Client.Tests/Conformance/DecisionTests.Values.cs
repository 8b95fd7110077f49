using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MtaSts.Client.Policies;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Conformance;

/// <summary>Decisions 10, 11 and 12: repeated fields, <c>max_age</c> and <c>mx</c> values (RFC 8461 §3.2).</summary>
public sealed partial class DecisionTests
{
    private const string TwoPatterns =
        "version: STSv1\nmode: enforce\nmx: mail.example.com\nmx: {0}\nmax_age: 86400\n";

    private static readonly string[] s_unusablePatterns =
    [
        "mail_1.example.com", "*.*.example.net", "*example.net", "a.example.com, b.example.com",
        "[192.0.2.1]", "*", "mx:", "",
    ];

    /// <summary><c>P_BASE</c> with a second <c>mx</c> line (line 4), given in byte notation.</summary>
    private static PolicyParseResult WithSecondMx(string value, ParsingProfile profile) =>
        PolicyBodies.ParseBytes(string.Format(CultureInfo.InvariantCulture, TwoPatterns, value), profile);

    private static PolicyParseResult WithMaxAge(string value, ParsingProfile profile) =>
        PolicyBodies.Parse(PolicyBodies.BaseWith("max_age", "max_age: " + value), profile);

    [Test]
    public void Decision10_LaterRepeatIsIgnoredWhateverItHolds(
        [Values("version: STSv2", "mode: testing", "mode: bogus", "max_age: 1", "max_age: x")] string repeat,
        [Values] ParsingProfile profile)
    {
        PolicyParseResult result = PolicyBodies.Parse(PolicyBodies.BasePlus(repeat), profile);

        AssertBasePolicy(result);
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyDuplicateField, 5);
    }

    private static IEnumerable<TestCaseData> InvalidFirstOccurrences() => InBothProfiles(
        ["version: STSv2\n" + PolicyBodies.Base, DiagnosticCodes.PolicyInvalidVersion, 1],
        [PolicyBodies.BaseWith("mode", "mode: bogus\nmode: enforce"), DiagnosticCodes.PolicyInvalidMode, 2],
        [PolicyBodies.BaseWith("max_age", "max_age: 1 day\nmax_age: 86400"), DiagnosticCodes.PolicyInvalidMaxAge, 4]);

    [TestCaseSource(nameof(InvalidFirstOccurrences))]
    public void Decision10_InvalidFirstOccurrence_IsNotRescuedByARepeat(
        string body,
        string code,
        int line,
        ParsingProfile profile)
    {
        PolicyParseResult result = PolicyBodies.Parse(body, profile);

        DiagnosticAssert.IsInvalid(result, code, line);
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyDuplicateField, line + 1);
    }

    [Test]
    public void Decision10_MxAccumulates([Values] ParsingProfile profile)
    {
        PolicyParseResult result = WithSecondMx("*.example.net", profile);

        DiagnosticAssert.IsClean(result);
        Assert.That(
            result.Policy!.MxPatterns.Select(p => p.Value),
            Is.EqualTo(new[] { "mail.example.com", "*.example.net" }));
    }

    private static IEnumerable<TestCaseData> MaxAgesWithinLimit() =>
        InBothProfiles(["31557600", 31557600], ["0086400", 86400], ["0000000000", 0], ["0", 0]);

    [TestCaseSource(nameof(MaxAgesWithinLimit))]
    public void Decision11_MaxAgeWithinLimit_IsReadAsWritten(string value, int expected, ParsingProfile profile)
    {
        PolicyParseResult result = WithMaxAge(value, profile);

        DiagnosticAssert.IsClean(result);
        Assert.That(result.Policy!.MaxAgeSeconds, Is.EqualTo(expected));
    }

    [Test]
    public void Decision11_MaxAgeAboveLimit_IsClampedWithWarning(
        [Values("31557601", "9999999999", "0031557601")] string value,
        [Values] ParsingProfile profile)
    {
        PolicyParseResult result = WithMaxAge(value, profile);

        DiagnosticAssert.IsValid(result);
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyMaxAgeClamped, 4);
        Assert.That(result.Policy!.MaxAgeSeconds, Is.EqualTo(PolicyParser.MaxAgeLimit).And.EqualTo(31557600));
        Assert.That(result.Policy.MaxAge, Is.EqualTo(System.TimeSpan.FromSeconds(31557600)));
    }

    [Test]
    public void Decision11_MaxAgeOutsideGrammar_IsInvalid(
        [Values("10000000000", "00000000001", "+1", "-1", "86 400", "")] string value,
        [Values] ParsingProfile profile)
    {
        PolicyParseResult result = WithMaxAge(value, profile);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyInvalidMaxAge, 4);
    }

    [Test]
    public void Decision12_UnusableMx_SenderDropsItWithWarning([ValueSource(nameof(s_unusablePatterns))] string value)
    {
        PolicyParseResult result = WithSecondMx(value, ParsingProfile.Sender);

        AssertBasePolicy(result);
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyInvalidMx, 4);
        Assert.That(result.Policy!.Matches("mail_1.example.com"), Is.False);
        Assert.That(result.Policy.Matches("a.b.example.net"), Is.False);
    }

    [Test]
    public void Decision12_UnusableMx_StrictRejectsThePolicy([ValueSource(nameof(s_unusablePatterns))] string value)
    {
        DiagnosticAssert.IsInvalid(WithSecondMx(value, ParsingProfile.Strict), DiagnosticCodes.PolicyInvalidMx, 4);
    }

    [TestCase("backup.example.com.", "backup.example.com", DiagnosticCodes.PolicyMxTrailingDot)]
    [TestCase("*.example.net.", "*.example.net", DiagnosticCodes.PolicyMxTrailingDot)]
    [TestCase("mx.b\u00C3\u00BCcher.example", "mx.xn--bcher-kva.example", DiagnosticCodes.PolicyMxULabel)]
    [TestCase("MX.B\u00C3\u009CCHER.example", "mx.xn--bcher-kva.example", DiagnosticCodes.PolicyMxULabel)]
    [TestCase("*.b\u00C3\u00BCcher.example", "*.xn--bcher-kva.example", DiagnosticCodes.PolicyMxULabel)]
    public void Decision12_RepairableMx_SenderRepairsItWithWarning(string value, string pattern, string code)
    {
        PolicyParseResult result = WithSecondMx(value, ParsingProfile.Sender);

        DiagnosticAssert.IsValid(result);
        DiagnosticAssert.HasWarning(result, code, 4);
        Assert.That(
            result.Policy!.MxPatterns.Select(p => p.Value),
            Is.EqualTo(new[] { "mail.example.com", pattern }));
    }

    [TestCase("backup.example.com.", DiagnosticCodes.PolicyMxTrailingDot)]
    [TestCase("mx.b\u00C3\u00BCcher.example", DiagnosticCodes.PolicyMxULabel)]
    public void Decision12_RepairableMx_StrictRejectsThePolicy(string value, string code)
    {
        DiagnosticAssert.IsInvalid(WithSecondMx(value, ParsingProfile.Strict), code, 4);
    }

    [Test]
    public void Decision12_ConvertedULabel_MatchesTheHostInEitherForm()
    {
        PolicyParseResult result = WithSecondMx("*.b\u00C3\u00BCcher.example", ParsingProfile.Sender);

        DiagnosticAssert.IsValid(result);
        Assert.That(result.Policy!.Matches("mx.xn--bcher-kva.example"), Is.True);
        Assert.That(result.Policy.Matches("mx.b\u00FCcher.example"), Is.True);
    }

    // Full-width "mail" and "mail" + the ideographic full stop: IDNA mapping would fold both into
    // mail.example.com, a host the policy's author never wrote.
    [TestCase("\u00EF\u00BD\u008D\u00EF\u00BD\u0081\u00EF\u00BD\u0089\u00EF\u00BD\u008C.example.com")]
    [TestCase("mail\u00E3\u0080\u0082example.com")]
    public void Decision12_LookalikeThatIsNoULabel_IsDroppedNotFolded(string value)
    {
        PolicyParseResult result = PolicyBodies.ParseBytes(
            "version: STSv1\nmode: enforce\nmx: backup.example.com\nmx: " + value + "\nmax_age: 86400\n");

        DiagnosticAssert.IsValid(result);
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyInvalidMx, 4);
        Assert.That(result.Policy!.MxPatterns.Select(p => p.Value), Is.EqualTo(new[] { "backup.example.com" }));
        Assert.That(result.Policy.Matches("mail.example.com"), Is.False);
    }

    [Test]
    public void Decision10_RepeatWithNoValue_BreaksOnlyTheStrictGrammar([Values] ParsingProfile profile)
    {
        PolicyParseResult result = PolicyBodies.Parse(PolicyBodies.BasePlus("mode:"), profile);

        if (profile == ParsingProfile.Strict)
        {
            DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyDuplicateField, 5);
        }
        else
        {
            AssertBasePolicy(result);
            DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyDuplicateField, 5);
        }
    }

    [Test]
    public void Decision12_OnlyOneTrailingDotIsRemoved()
    {
        PolicyParseResult result = WithSecondMx("backup.example.com..", ParsingProfile.Sender);

        AssertBasePolicy(result);
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyMxTrailingDot, 4);
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyInvalidMx, 4);
    }

    [Test]
    public void Decision12_NoUsableMxLeft_EnforceOrTestingIsInvalid([Values("enforce", "testing")] string mode)
    {
        PolicyParseResult result = PolicyBodies.Parse(
            "version: STSv1\nmode: " + mode + "\nmx: mail_1.example.com\nmx: *.*.example.net\nmax_age: 86400\n");

        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyInvalidMx, 3);
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyInvalidMx, 4);
        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyMissingMx, null);
    }

    [Test]
    public void Decision12_NoUsableMxLeft_NoneIsValidInSenderProfile()
    {
        const string Body = "version: STSv1\nmode: none\nmx: mail_1.example.com\nmax_age: 86400\n";

        PolicyParseResult sender = PolicyBodies.Parse(Body, ParsingProfile.Sender);
        PolicyParseResult strict = PolicyBodies.Parse(Body, ParsingProfile.Strict);

        DiagnosticAssert.IsValid(sender);
        DiagnosticAssert.HasWarning(sender, DiagnosticCodes.PolicyInvalidMx, 3);
        Assert.That(sender.Policy!.Mode, Is.EqualTo(PolicyMode.None));
        Assert.That(sender.Policy.MxPatterns, Is.Empty);
        DiagnosticAssert.IsInvalid(strict, DiagnosticCodes.PolicyInvalidMx, 3);
    }
}
