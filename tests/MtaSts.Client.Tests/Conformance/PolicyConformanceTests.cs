using System.Linq;
using MtaSts.Client.Policies;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Conformance;

/// <summary>
/// Conformance cases 78-127 (section C): the policy file, RFC 8461 §3.2. This part holds line
/// framing and the required fields (78-97); the other parts hold values and extensions.
/// </summary>
/// <remarks>
/// A case marked strict in the cases states the strict profile's outcome; the sender profile
/// follows the project decisions, which make framing deviations warnings (decisions 7 and 9).
/// </remarks>
[TestFixture]
public sealed partial class PolicyConformanceTests
{
    private const string CanonicalCrLf =
        "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmax_age: 604800\r\n";

    private const string BlankLineInMiddle =
        "version: STSv1\n\nmode: enforce\nmx: mail.example.com\nmax_age: 86400\n";

    private const string WithByteOrderMark =
        PolicyBodies.ByteOrderMark + "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmax_age: 86400\r\n";

    private static readonly string[] s_enforceLines =
        ["version: STSv1", "mode: enforce", "mx: mail.example.com", "mx: *.example.net", "max_age: 604800"];

    private static PolicyParseResult Parse(string body, ParsingProfile profile = ParsingProfile.Sender) =>
        PolicyBodies.Parse(body, profile);

    private static string BaseWith(string key, string line) => PolicyBodies.BaseWith(key, line);

    private static string BasePlus(string line) => PolicyBodies.BasePlus(line);

    private static void AssertPolicy(PolicyParseResult result, PolicyMode mode, int maxAge, params string[] mx)
    {
        DiagnosticAssert.IsValid(result);
        Assert.That(result.Policy!.Mode, Is.EqualTo(mode));
        Assert.That(result.Policy.MaxAgeSeconds, Is.EqualTo(maxAge));
        Assert.That(result.Policy.MxPatterns.Select(p => p.Value), Is.EqualTo(mx));
    }

    [Test]
    public void Case078_CanonicalCrlf_IsValid([Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse(CanonicalCrLf, profile);

        AssertPolicy(result, PolicyMode.Enforce, 604800, "mail.example.com", "*.example.net");
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Policy!.Lines, Is.EqualTo(s_enforceLines));
    }

    [Test]
    public void Case078_FixtureEnforcePolicy_IsTheCanonicalBody()
    {
        Assert.That(PolicyBodies.Enforce, Is.EqualTo(PolicyBodies.Bytes(CanonicalCrLf)));
        PolicyParseResult result = PolicyParser.Parse(PolicyBodies.Enforce);

        AssertPolicy(result, PolicyMode.Enforce, 604800, "mail.example.com", "*.example.net");
    }

    [Test]
    public void Case079_LfOnly_IsValid([Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse(
            "version: STSv1\nmode: enforce\nmx: mail.example.com\nmx: *.example.net\nmax_age: 604800\n", profile);

        AssertPolicy(result, PolicyMode.Enforce, 604800, "mail.example.com", "*.example.net");
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Policy!.Lines, Is.EqualTo(s_enforceLines));
    }

    [Test]
    public void Case080_MixedCrlfAndLf_IsValid([Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse(
            "version: STSv1\r\nmode: testing\nmx: mail.example.com\r\nmax_age: 86400\n", profile);

        AssertPolicy(result, PolicyMode.Testing, 86400, "mail.example.com");
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void Case081_NoTrailingNewline_IsValid([Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse(
            "version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 86400", profile);

        AssertPolicy(result, PolicyMode.Enforce, 86400, "mail.example.com");
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void Case082_TrailingWhitespaceAfterValues_IsValid([Values] ParsingProfile profile)
    {
        // White space after a field is part of the grammar (*WSP before the terminator), so even the
        // strict profile accepts it, and it is not part of the value.
        PolicyParseResult result = Parse(
            "version: STSv1 \nmode: enforce\t \nmx: mail.example.com  \nmax_age: 86400\t\n", profile);

        AssertPolicy(result, PolicyMode.Enforce, 86400, "mail.example.com");
        Assert.That(result.Version, Is.EqualTo("STSv1"));
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void Case083_NoWhitespaceAfterColon_IsValid([Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse(
            "version:STSv1\nmode:enforce\nmx:mail.example.com\nmax_age:86400\n", profile);

        AssertPolicy(result, PolicyMode.Enforce, 86400, "mail.example.com");
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void Case084_TabAfterColon_IsValid([Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse(
            "version:\tSTSv1\nmode:\t\tenforce\nmx: \t mail.example.com\nmax_age:\t86400\n", profile);

        AssertPolicy(result, PolicyMode.Enforce, 86400, "mail.example.com");
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void Case085_SpaceBeforeColon_StrictIsInvalid()
    {
        PolicyParseResult result = Parse(BaseWith("mode", "mode : enforce"), ParsingProfile.Strict);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyWhitespaceBeforeColon, 2);
    }

    [Test]
    public void Case085_SpaceBeforeColon_SenderIsValidWithWarning()
    {
        PolicyParseResult result = Parse(BaseWith("mode", "mode : enforce"));

        AssertPolicy(result, PolicyMode.Enforce, 86400, "mail.example.com");
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyWhitespaceBeforeColon, 2);
    }

    [Test]
    public void Case086_LeadingWhitespace_StrictIsInvalid()
    {
        PolicyParseResult result = Parse(BaseWith("mode", "  mode: enforce"), ParsingProfile.Strict);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyLeadingWhitespace, 2);
    }

    [Test]
    public void Case086_LeadingWhitespace_SenderIsValidWithWarning()
    {
        PolicyParseResult result = Parse(BaseWith("mode", "  mode: enforce"));

        AssertPolicy(result, PolicyMode.Enforce, 86400, "mail.example.com");
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyLeadingWhitespace, 2);
    }

    [Test]
    public void Case087_BlankLineInMiddle_StrictIsInvalid()
    {
        PolicyParseResult result = Parse(BlankLineInMiddle, ParsingProfile.Strict);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyBlankLine, 2);
    }

    [Test]
    public void Case087_BlankLineInMiddle_SenderIsValidWithWarning()
    {
        PolicyParseResult result = Parse(BlankLineInMiddle);

        AssertPolicy(result, PolicyMode.Enforce, 86400, "mail.example.com");
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyBlankLine, 2);
    }

    [TestCase("version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 86400\n\n")]
    [TestCase("version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmax_age: 86400\r\n\r\n")]
    public void Case088_ExtraBlankLineAtEnd_StrictIsInvalid(string body)
    {
        DiagnosticAssert.IsInvalid(Parse(body, ParsingProfile.Strict), DiagnosticCodes.PolicyBlankLine, 5);
    }

    [TestCase("version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 86400\n\n")]
    [TestCase("version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmax_age: 86400\r\n\r\n")]
    public void Case088_ExtraBlankLineAtEnd_SenderIsValidWithWarning(string body)
    {
        PolicyParseResult result = Parse(body);

        AssertPolicy(result, PolicyMode.Enforce, 86400, "mail.example.com");
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyBlankLine, 5);
    }

    [Test]
    public void Case089_ByteOrderMark_StrictIsInvalid()
    {
        PolicyParseResult result = PolicyBodies.ParseBytes(WithByteOrderMark, ParsingProfile.Strict);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyByteOrderMark, 1);
    }

    [Test]
    public void Case089_ByteOrderMark_SenderSkipsItWithWarning()
    {
        PolicyParseResult result = PolicyBodies.ParseBytes(WithByteOrderMark);

        AssertPolicy(result, PolicyMode.Enforce, 86400, "mail.example.com");
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyByteOrderMark, 1);
        Assert.That(result.Policy!.Lines[0], Is.EqualTo("version: STSv1"));
    }

    [Test]
    public void Case090_LoneCrLineEndings_IsInvalid([Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse(
            "version: STSv1\rmode: enforce\rmx: mail.example.com\rmax_age: 86400\r", profile);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyControlCharacter, 1);
        Assert.That(result.Mode, Is.Null);
    }

    [Test]
    public void Case091_EmptyBody_IsMissingVersion([Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse(string.Empty, profile);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyMissingVersion, null);
        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyMissingMode, null);
        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyMissingMaxAge, null);
    }

    [Test]
    public void Case091_OnlyANewline_IsInvalid([Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse("\r\n", profile);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyMissingVersion, null);
        Assert.That(
            result.Diagnostics.Select(d => (d.Code, d.Line)),
            Does.Contain((DiagnosticCodes.PolicyBlankLine, (int?)1)));
    }

    [Test]
    public void Case092_MissingVersion_IsInvalid([Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse("mode: enforce\nmx: mail.example.com\nmax_age: 86400\n", profile);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyMissingVersion, null);
        Assert.That(result.Errors, Has.Count.EqualTo(1));
        Assert.That(result.Version, Is.Null);
    }

    [Test]
    public void Case093_WrongVersion_IsInvalid(
        [Values("version: STSv2", "version: stsv1", "version: STSv1.0")] string line,
        [Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse(BaseWith("version", line), profile);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyInvalidVersion, 1);
        Assert.That(result.Version, Is.Null);
    }

    [Test]
    public void Case094_UpperCaseVersionKey_IsMissingVersion([Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse(BaseWith("version", "Version: STSv1"), profile);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyMissingVersion, null);
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyMisspeltKey, 1);
        Assert.That(result.Extensions.Single().Name, Is.EqualTo("Version"));
    }

    [Test]
    public void Case094_UpperCaseModeKey_IsMissingMode([Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse(BaseWith("mode", "MODE: enforce"), profile);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyMissingMode, null);
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyMisspeltKey, 2);
        Assert.That(result.Mode, Is.Null);
    }

    [Test]
    public void Case095_MissingMode_IsInvalidAndNotNone([Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse("version: STSv1\nmx: mail.example.com\nmax_age: 86400\n", profile);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyMissingMode, null);
        Assert.That(result.Errors, Has.Count.EqualTo(1));
        Assert.That(result.Mode, Is.Null);
    }

    [Test]
    public void Case096_UnknownModeValue_IsInvalid(
        [Values("mode: strict", "mode: Enforce", "mode: report", "mode: enforce # comment", "mode:", "mode: ")]
        string line,
        [Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse(BaseWith("mode", line), profile);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyInvalidMode, 2);
        Assert.That(result.Mode, Is.Null);
    }

    [Test]
    public void Case097_MissingMaxAge_IsInvalid([Values] ParsingProfile profile)
    {
        PolicyParseResult result = Parse("version: STSv1\nmode: enforce\nmx: mail.example.com\n", profile);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyMissingMaxAge, null);
        Assert.That(result.Errors, Has.Count.EqualTo(1));
        Assert.That(result.MaxAgeSeconds, Is.Null);
    }
}
