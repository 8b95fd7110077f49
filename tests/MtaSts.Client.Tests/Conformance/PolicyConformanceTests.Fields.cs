using MtaSts.Client.Policies;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Conformance;

/// <summary>Cases 98-112: <c>max_age</c>, when <c>mx</c> is required, repeated fields (RFC 8461 §3.2).</summary>
public sealed partial class PolicyConformanceTests
{
    private static readonly string[] s_nonDigitMaxAges =
    [
        "1w", "86400s", "-1", "+86400", "8.64e4", "86 400", "86_400",
        "\uFF10\uFF18\uFF16\uFF14\uFF10\uFF10", // full-width digits
        "",
    ];

    private static PolicyParseResult ParseMaxAge(string value, ParsingProfile profile) =>
        Parse(BaseWith("max_age", "max_age: " + value), profile);

    [Test]
    public void Case098_MaxAgeZero_IsValid([Values] ParsingProfile profile)
    {
        PolicyParseResult result = ParseMaxAge("0", profile);

        AssertPolicy(result, PolicyMode.Enforce, 0, "mail.example.com");
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void Case099_MaxAgeAtMaximum_IsValid([Values] ParsingProfile profile)
    {
        PolicyParseResult result = ParseMaxAge("31557600", profile);

        AssertPolicy(result, PolicyMode.Enforce, 31557600, "mail.example.com");
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void Case100_MaxAgeOneAboveMaximum_IsClampedWithWarning([Values] ParsingProfile profile)
    {
        PolicyParseResult result = ParseMaxAge("31557601", profile);

        AssertPolicy(result, PolicyMode.Enforce, 31557600, "mail.example.com");
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyMaxAgeClamped, 4);
    }

    [Test]
    public void Case101_MaxAgeTenDigits_IsClampedWithWarning([Values] ParsingProfile profile)
    {
        PolicyParseResult result = ParseMaxAge("9999999999", profile);

        AssertPolicy(result, PolicyMode.Enforce, 31557600, "mail.example.com");
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyMaxAgeClamped, 4);
    }

    [Test]
    public void Case102_MaxAgeElevenDigits_IsInvalid([Values] ParsingProfile profile)
    {
        PolicyParseResult result = ParseMaxAge("10000000000", profile);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyInvalidMaxAge, 4);
        Assert.That(result.MaxAgeSeconds, Is.Null);
    }

    [TestCase("0086400", 86400)]
    [TestCase("0000000000", 0)]
    public void Case103_MaxAgeLeadingZeros_IsValid(string value, int expected)
    {
        AssertPolicy(ParseMaxAge(value, ParsingProfile.Strict), PolicyMode.Enforce, expected, "mail.example.com");
        AssertPolicy(ParseMaxAge(value, ParsingProfile.Sender), PolicyMode.Enforce, expected, "mail.example.com");
    }

    [Test]
    public void Case103_MaxAgeLeadingZerosElevenDigits_IsInvalid([Values] ParsingProfile profile)
    {
        DiagnosticAssert.IsInvalid(ParseMaxAge("00000086400", profile), DiagnosticCodes.PolicyInvalidMaxAge, 4);
    }

    [Test]
    public void Case104_MaxAgeNonDigits_IsInvalid(
        [ValueSource(nameof(s_nonDigitMaxAges))] string value,
        [Values] ParsingProfile profile)
    {
        PolicyParseResult result = ParseMaxAge(value, profile);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyInvalidMaxAge, 4);
        Assert.That(result.MaxAgeSeconds, Is.Null);
    }

    [Test]
    public void Case105_EnforceWithoutMx_IsInvalid([Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse("version: STSv1\nmode: enforce\nmax_age: 86400\n", profile);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyMissingMx, null);
        Assert.That(result.Errors, Has.Count.EqualTo(1));
    }

    [Test]
    public void Case106_TestingWithoutMx_IsInvalid([Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse("version: STSv1\nmode: testing\nmax_age: 86400\n", profile);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyMissingMx, null);
        Assert.That(result.Errors, Has.Count.EqualTo(1));
    }

    [Test]
    public void Case107_NoneWithoutMx_IsValid([Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse("version: STSv1\nmode: none\nmax_age: 86400\n", profile);

        AssertPolicy(result, PolicyMode.None, 86400);
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void Case108_NoneWithMx_IsValid([Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse(BaseWith("mode", "mode: none"), profile);

        DiagnosticAssert.IsClean(result);
        Assert.That(result.Policy!.Mode, Is.EqualTo(PolicyMode.None));
        Assert.That(result.Policy.MaxAgeSeconds, Is.EqualTo(86400));
    }

    [Test]
    public void Case109_DuplicateMode_FirstIsUsed([Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse(
            "version: STSv1\nmode: testing\nmode: enforce\nmx: mail.example.com\nmax_age: 86400\n", profile);

        AssertPolicy(result, PolicyMode.Testing, 86400, "mail.example.com");
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyDuplicateField, 3);
    }

    [Test]
    public void Case110_DuplicateMaxAge_FirstIsUsed([Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse(BasePlus("max_age: 1"), profile);

        AssertPolicy(result, PolicyMode.Enforce, 86400, "mail.example.com");
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyDuplicateField, 5);
    }

    [Test]
    public void Case111_DuplicateVersionLaterBad_IsIgnored([Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse(BasePlus("version: STSv2"), profile);

        AssertPolicy(result, PolicyMode.Enforce, 86400, "mail.example.com");
        Assert.That(result.Version, Is.EqualTo("STSv1"));
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyDuplicateField, 5);
    }

    [Test]
    public void Case112_FirstOccurrenceInvalidLaterValid_IsInvalid([Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse(
            "version: STSv1\nmode: bogus\nmode: enforce\nmx: mail.example.com\nmax_age: 86400\n", profile);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyInvalidMode, 2);
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyDuplicateField, 3);
        Assert.That(result.Mode, Is.Null);
    }
}
