using System.Linq;
using MtaSts.Client.Policies;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Conformance;

/// <summary>
/// Cases 113-127: <c>mx</c> values, unknown fields and the bytes a body may hold (RFC 8461 §3.2,
/// with RFC 5321 §4.1.2 for the <c>Domain</c> syntax of <c>mx</c>).
/// </summary>
public sealed partial class PolicyConformanceTests
{
    private const string Name32 = "abcdefghijklmnopqrstuvwxyz012345";
    private const string WithComment = "# MTA-STS policy\n" + PolicyBodies.Base;
    private const string ULabelMx = "mx: mx.b\u00C3\u00BCcher.example";

    private static readonly string[] s_badWildcardForms =
        ["*example.com", ".example.com", "*.*.example.com", "mail.*.example.com", "*", "*.", "**.example.com"];

    private static readonly string[] s_badLabels =
        ["mail_1.example.com", "-mail.example.com", "mail-.example.com", "mail..example.com", "[192.0.2.1]"];

    private static PolicyParseResult ParseMx(string value, ParsingProfile profile) =>
        Parse(BaseWith("mx", "mx: " + value), profile);

    [Test]
    public void Case113_SeveralMxLines_AllAreInForce([Values] ParsingProfile profile)
    {
        const string Body = "version: STSv1\nmode: enforce\nmx: a.example.com\nmx: b.example.com\nmx: *.example.net\n"
            + "mx: a.example.com\nmax_age: 86400\n";

        PolicyParseResult result = Parse(Body, profile);

        DiagnosticAssert.IsClean(result);
        MtaStsPolicy policy = result.Policy!;
        Assert.That(
            policy.MxPatterns.Select(p => p.Value).Distinct(),
            Is.EquivalentTo(new[] { "a.example.com", "b.example.com", "*.example.net" }));
        Assert.That(policy.Matches("a.example.com"), Is.True);
        Assert.That(policy.Matches("b.example.com"), Is.True);
        Assert.That(policy.Matches("mx1.example.net"), Is.True);
        Assert.That(policy.Matches("c.example.com"), Is.False);
        Assert.That(policy.Lines.Count(line => line == "mx: a.example.com"), Is.EqualTo(2));
    }

    [Test]
    public void Case114_CommaSeparatedMx_StrictIsInvalid()
    {
        PolicyParseResult result = ParseMx("mail.example.com, backup.example.com", ParsingProfile.Strict);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyInvalidMx, 3);
    }

    [Test]
    public void Case114_CommaSeparatedMx_SenderDropsItAndNoMxRemains()
    {
        PolicyParseResult result = ParseMx("mail.example.com, backup.example.com", ParsingProfile.Sender);

        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyInvalidMx, 3);
        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyMissingMx, null);
        Assert.That(result.MxPatterns, Is.Empty);
    }

    [Test]
    public void Case115_UnknownField_IsIgnored([Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse(BasePlus("foo: bar baz"), profile);

        AssertPolicy(result, PolicyMode.Enforce, 86400, "mail.example.com");
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(
            result.Policy!.Extensions.Select(e => (e.Name, e.Value)),
            Is.EqualTo(new[] { ("foo", "bar baz") }));
    }

    [Test]
    public void Case116_UnknownFieldWithUtf8_IsIgnored([Values] ParsingProfile profile)
    {
        PolicyParseResult result = PolicyBodies.ParseBytes(
            BasePlus("comment: Gr\u00C3\u00BC\u00C3\u009Fe aus K\u00C3\u00B6ln"), profile);

        AssertPolicy(result, PolicyMode.Enforce, 86400, "mail.example.com");
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Policy!.Extensions.Single().Value, Is.EqualTo("Gr\u00FC\u00DFe aus K\u00F6ln"));
    }

    [TestCase("_foo: bar")]
    [TestCase(Name32 + "6: x")]
    public void Case117_UnknownFieldWithBadName_StrictIsInvalid(string line)
    {
        PolicyParseResult result = Parse(BasePlus(line), ParsingProfile.Strict);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyNotAField, 5);
    }

    [TestCase("_foo: bar")]
    [TestCase(Name32 + "6: x")]
    public void Case117_UnknownFieldWithBadName_SenderIgnoresItWithWarning(string line)
    {
        PolicyParseResult result = Parse(BasePlus(line));

        AssertPolicy(result, PolicyMode.Enforce, 86400, "mail.example.com");
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyNotAField, 5);
        Assert.That(result.Policy!.Extensions, Is.Empty);
    }

    [Test]
    public void Case117_UnknownFieldNameOf32Characters_IsValid([Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse(BasePlus(Name32 + ": x"), profile);

        DiagnosticAssert.IsClean(result);
        Assert.That(result.Policy!.Extensions.Single().Name, Is.EqualTo(Name32));
    }

    [TestCase("foo:")]
    [TestCase("foo: ")]
    public void Case118_UnknownFieldWithEmptyValue_StrictIsInvalid(string line)
    {
        PolicyParseResult result = Parse(BasePlus(line), ParsingProfile.Strict);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyInvalidExtension, 5);
    }

    [TestCase("foo:")]
    [TestCase("foo: ")]
    public void Case118_UnknownFieldWithEmptyValue_SenderIgnoresItWithWarning(string line)
    {
        PolicyParseResult result = Parse(BasePlus(line));

        AssertPolicy(result, PolicyMode.Enforce, 86400, "mail.example.com");
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyInvalidExtension, 5);
        Assert.That(result.Policy!.Extensions, Is.Empty);
    }

    [Test]
    public void Case119_FieldOrder_IsFree([Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse(
            "max_age: 86400\nmx: mail.example.com\nmode: enforce\nversion: STSv1\n", profile);

        AssertPolicy(result, PolicyMode.Enforce, 86400, "mail.example.com");
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void Case120_CommentLine_StrictIsInvalid()
    {
        PolicyParseResult result = Parse(WithComment, ParsingProfile.Strict);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyNotAField, 1);
    }

    [Test]
    public void Case120_CommentLine_SenderIgnoresItWithWarning()
    {
        PolicyParseResult result = Parse(WithComment);

        AssertPolicy(result, PolicyMode.Enforce, 86400, "mail.example.com");
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyNotAField, 1);
    }

    [Test]
    public void Case121_HyphenatedMaxAgeKey_IsMissingMaxAge([Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse(BaseWith("max_age", "max-age: 86400"), profile);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyMissingMaxAge, null);
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyMisspeltKey, 4);
        Assert.That(result.MaxAgeSeconds, Is.Null);
    }

    [Test]
    public void Case122_ControlCharacters_AreInvalid(
        [Values("foo: a\u0001b", "foo: a\u0000b")] string line,
        [Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse(BasePlus(line), profile);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyControlCharacter, 5);
    }

    [Test]
    public void Case123_InvalidUtf8_IsInvalid([Values] ParsingProfile profile)
    {
        PolicyParseResult result = PolicyBodies.ParseBytes(BasePlus("foo: \u00C3\u0028"), profile);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyInvalidUtf8, 5);
    }

    [Test]
    public void Case124_MxWithTrailingDot_StrictIsInvalid()
    {
        PolicyParseResult result = ParseMx("mail.example.com.", ParsingProfile.Strict);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyMxTrailingDot, 3);
    }

    [Test]
    public void Case124_MxWithTrailingDot_SenderRemovesItWithWarning()
    {
        PolicyParseResult result = ParseMx("mail.example.com.", ParsingProfile.Sender);

        AssertPolicy(result, PolicyMode.Enforce, 86400, "mail.example.com");
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyMxTrailingDot, 3);
    }

    [Test]
    public void Case125_MxAsULabel_StrictIsInvalid()
    {
        PolicyParseResult result = PolicyBodies.ParseBytes(BaseWith("mx", ULabelMx), ParsingProfile.Strict);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyMxULabel, 3);
    }

    [Test]
    public void Case125_MxAsULabel_SenderConvertsItWithWarning()
    {
        PolicyParseResult result = PolicyBodies.ParseBytes(BaseWith("mx", ULabelMx));

        AssertPolicy(result, PolicyMode.Enforce, 86400, "mx.xn--bcher-kva.example");
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyMxULabel, 3);
    }

    [Test]
    public void Case125_MxAsALabel_IsValid([Values] ParsingProfile profile)
    {
        PolicyParseResult result = ParseMx("mx.xn--bcher-kva.example", profile);

        AssertPolicy(result, PolicyMode.Enforce, 86400, "mx.xn--bcher-kva.example");
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void Case126_WildcardPattern_IsValid([Values] ParsingProfile profile)
    {
        PolicyParseResult result = ParseMx("*.example.com", profile);

        AssertPolicy(result, PolicyMode.Enforce, 86400, "*.example.com");
        Assert.That(result.Policy!.MxPatterns.Single().IsWildcard, Is.True);
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void Case126_BadWildcardForms_StrictIsInvalid([ValueSource(nameof(s_badWildcardForms))] string value)
    {
        DiagnosticAssert.IsInvalid(ParseMx(value, ParsingProfile.Strict), DiagnosticCodes.PolicyInvalidMx, 3);
    }

    [Test]
    public void Case126_BadWildcardForms_SenderDropsThemAndNoMxRemains(
        [ValueSource(nameof(s_badWildcardForms))] string value)
    {
        PolicyParseResult result = ParseMx(value, ParsingProfile.Sender);

        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyInvalidMx, 3);
        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyMissingMx, null);
        Assert.That(result.MxPatterns, Is.Empty);
    }

    [Test]
    public void Case127_BadLabelSyntax_StrictIsInvalid([ValueSource(nameof(s_badLabels))] string value)
    {
        DiagnosticAssert.IsInvalid(ParseMx(value, ParsingProfile.Strict), DiagnosticCodes.PolicyInvalidMx, 3);
    }

    [Test]
    public void Case127_BadLabelSyntax_SenderDropsThemAndNoMxRemains([ValueSource(nameof(s_badLabels))] string value)
    {
        PolicyParseResult result = ParseMx(value, ParsingProfile.Sender);

        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyInvalidMx, 3);
        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyMissingMx, null);
        Assert.That(result.MxPatterns, Is.Empty);
    }

    [Test]
    public void Case127_GoodLabelSyntax_IsValid(
        [Values("mail--x.example.com", "MAIL.Example.COM")] string value,
        [Values] ParsingProfile profile)
    {
        PolicyParseResult result = ParseMx(value, profile);

        AssertPolicy(result, PolicyMode.Enforce, 86400, value);
        Assert.That(result.Diagnostics, Is.Empty);
    }
}
