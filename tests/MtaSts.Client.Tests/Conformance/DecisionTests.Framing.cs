using System.Collections.Generic;
using System.Linq;
using MtaSts.Client.Policies;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Conformance;

/// <summary>Decisions 7, 8, 9, 13 and 14: how the lines and bytes of a policy are read (RFC 8461 §3.2).</summary>
public sealed partial class DecisionTests
{
    private static readonly ParsingProfile[] s_profiles = [ParsingProfile.Sender, ParsingProfile.Strict];

    /// <summary>Each row once per profile, the profile as the last argument.</summary>
    private static IEnumerable<TestCaseData> InBothProfiles(params object?[][] rows) =>
        from row in rows
        from profile in s_profiles
        select new TestCaseData([.. row, profile]);

    private static void AssertBasePolicy(PolicyParseResult result)
    {
        DiagnosticAssert.IsValid(result);
        Assert.That(result.Policy!.Mode, Is.EqualTo(PolicyMode.Enforce));
        Assert.That(result.Policy.MaxAgeSeconds, Is.EqualTo(86400));
        Assert.That(result.Policy.MxPatterns.Select(p => p.Value), Is.EqualTo(new[] { "mail.example.com" }));
    }

    /// <summary>Decision 7: <c>P_BASE</c> with one framing deviation, its code and its line.</summary>
    private static IEnumerable<TestCaseData> FramingDeviations() =>
    [
        new(PolicyBodies.ByteOrderMark + PolicyBodies.Base, DiagnosticCodes.PolicyByteOrderMark, 1),
        new(PolicyBodies.BaseWith("version", "version: STSv1\n"), DiagnosticCodes.PolicyBlankLine, 2),
        new(PolicyBodies.BaseWith("version", "version: STSv1\n \t"), DiagnosticCodes.PolicyBlankLine, 2),
        new(PolicyBodies.Base + "\r\n", DiagnosticCodes.PolicyBlankLine, 5),
        new(PolicyBodies.BaseWith("mode", "\tmode: enforce"), DiagnosticCodes.PolicyLeadingWhitespace, 2),
        new(PolicyBodies.BaseWith("mx", "mx\t: mail.example.com"), DiagnosticCodes.PolicyWhitespaceBeforeColon, 3),
        new(PolicyBodies.BaseWith("max_age", " max_age : 86400"), DiagnosticCodes.PolicyWhitespaceBeforeColon, 4),
    ];

    [TestCaseSource(nameof(FramingDeviations))]
    public void Decision07_FramingDeviation_SenderIgnoresItWithWarning(string body, string code, int line)
    {
        PolicyParseResult result = PolicyBodies.ParseBytes(body, ParsingProfile.Sender);

        AssertBasePolicy(result);
        DiagnosticAssert.HasWarning(result, code, line);
    }

    [TestCaseSource(nameof(FramingDeviations))]
    public void Decision07_FramingDeviation_StrictRejectsIt(string body, string code, int line)
    {
        DiagnosticAssert.IsInvalid(PolicyBodies.ParseBytes(body, ParsingProfile.Strict), code, line);
    }

    [Test]
    public void Decision07_BomSkippedInSenderProfile_WarningOnLine1()
    {
        byte[] body = [.. PolicyBodies.Bytes(PolicyBodies.ByteOrderMark), .. PolicyBodies.Enforce];

        PolicyParseResult result = PolicyParser.Parse(body, ParsingProfile.Sender);

        DiagnosticAssert.IsValid(result);
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyByteOrderMark, 1);
        Assert.That(result.Warnings, Has.Count.EqualTo(1));
        Assert.That(result.Policy!.Text, Does.StartWith("version: STSv1"));
    }

    [Test]
    public void Decision07_BomRejectedInStrictProfile_ErrorOnLine1()
    {
        byte[] body = [.. PolicyBodies.Bytes(PolicyBodies.ByteOrderMark), .. PolicyBodies.Enforce];

        PolicyParseResult result = PolicyParser.Parse(body, ParsingProfile.Strict);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyByteOrderMark, 1);
        Assert.That(result.Errors, Has.Count.EqualTo(1));
    }

    [Test]
    public void Decision07_OnlyOneBomIsSkipped()
    {
        string body = PolicyBodies.ByteOrderMark + PolicyBodies.ByteOrderMark + PolicyBodies.Base;

        PolicyParseResult result = PolicyBodies.ParseBytes(body);

        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyByteOrderMark, 1);
        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyMissingVersion, null);
    }

    private static IEnumerable<TestCaseData> CaseSensitiveLines() => InBothProfiles(
        ["Mode: enforce", "mode", DiagnosticCodes.PolicyMissingMode, null],
        ["MODE: enforce", "mode", DiagnosticCodes.PolicyMissingMode, null],
        ["mode: ENFORCE", "mode", DiagnosticCodes.PolicyInvalidMode, 2],
        ["mode: Testing", "mode", DiagnosticCodes.PolicyInvalidMode, 2],
        ["VERSION: STSv1", "version", DiagnosticCodes.PolicyMissingVersion, null],
        ["version: STSV1", "version", DiagnosticCodes.PolicyInvalidVersion, 1],
        ["Max_Age: 86400", "max_age", DiagnosticCodes.PolicyMissingMaxAge, null],
        ["MX: mail.example.com", "mx", DiagnosticCodes.PolicyMissingMx, null]);

    [TestCaseSource(nameof(CaseSensitiveLines))]
    public void Decision08_KeysAndEnumeratedValuesAreCaseSensitive_InBothProfiles(
        string line, string key, string code, int? errorLine, ParsingProfile profile)
    {
        DiagnosticAssert.IsInvalid(PolicyBodies.Parse(PolicyBodies.BaseWith(key, line), profile), code, errorLine);
    }

    [Test]
    public void Decision08_WrongCaseKey_IsAnUnknownExtension([Values] ParsingProfile profile)
    {
        PolicyParseResult result = PolicyBodies.Parse(PolicyBodies.BaseWith("mode", "Mode: enforce"), profile);

        DiagnosticAssert.HasWarning(result, DiagnosticCodes.PolicyMisspeltKey, 2);
        Assert.That(result.Extensions.Select(e => (e.Name, e.Value)), Is.EqualTo(new[] { ("Mode", "enforce") }));
        Assert.That(result.Mode, Is.Null);
    }

    [TestCase("no colon here", DiagnosticCodes.PolicyNotAField)]
    [TestCase("_bad: x", DiagnosticCodes.PolicyNotAField)]
    [TestCase(": x", DiagnosticCodes.PolicyNotAField)]
    [TestCase("foo bar: x", DiagnosticCodes.PolicyNotAField)]
    [TestCase("foo:", DiagnosticCodes.PolicyInvalidExtension)]
    [TestCase("foo: a\tb", DiagnosticCodes.PolicyInvalidExtension)]
    public void Decision09_MalformedUnknownLine_SenderIgnoresItWithWarning(string line, string code)
    {
        PolicyParseResult result = PolicyBodies.Parse(PolicyBodies.BasePlus(line), ParsingProfile.Sender);

        AssertBasePolicy(result);
        DiagnosticAssert.HasWarning(result, code, 5);
        Assert.That(result.Policy!.Extensions, Is.Empty);
    }

    [TestCase("no colon here", DiagnosticCodes.PolicyNotAField)]
    [TestCase("_bad: x", DiagnosticCodes.PolicyNotAField)]
    [TestCase(": x", DiagnosticCodes.PolicyNotAField)]
    [TestCase("foo bar: x", DiagnosticCodes.PolicyNotAField)]
    [TestCase("foo:", DiagnosticCodes.PolicyInvalidExtension)]
    [TestCase("foo: a\tb", DiagnosticCodes.PolicyInvalidExtension)]
    public void Decision09_MalformedUnknownLine_StrictRejectsIt(string line, string code)
    {
        DiagnosticAssert.IsInvalid(PolicyBodies.Parse(PolicyBodies.BasePlus(line), ParsingProfile.Strict), code, 5);
    }

    [TestCase("version", "version:", DiagnosticCodes.PolicyInvalidVersion, 1)]
    [TestCase("mode", "mode:", DiagnosticCodes.PolicyInvalidMode, 2)]
    [TestCase("mode", "mode: en\tforce", DiagnosticCodes.PolicyInvalidMode, 2)]
    [TestCase("max_age", "max_age:", DiagnosticCodes.PolicyInvalidMaxAge, 4)]
    [TestCase("max_age", "max_age: 86\t400", DiagnosticCodes.PolicyInvalidMaxAge, 4)]
    public void Decision09_KnownKeyWithBadValue_IsNeverIgnoredInSenderProfile(
        string key,
        string line,
        string code,
        int errorLine)
    {
        DiagnosticAssert.IsInvalid(PolicyBodies.Parse(PolicyBodies.BaseWith(key, line)), code, errorLine);
    }

    private static IEnumerable<TestCaseData> BrokenBytes() => InBothProfiles(
        [PolicyBodies.BasePlus("foo: \u00C3\u0028"), DiagnosticCodes.PolicyInvalidUtf8, 5],
        [PolicyBodies.BasePlus("foo: \u00FF"), DiagnosticCodes.PolicyInvalidUtf8, 5],
        [PolicyBodies.BasePlus("foo: \u00C0\u00AF"), DiagnosticCodes.PolicyInvalidUtf8, 5],
        [PolicyBodies.BasePlus("foo: \u00ED\u00A0\u0080"), DiagnosticCodes.PolicyInvalidUtf8, 5],
        [PolicyBodies.Base + "foo: \u00E2\u0082", DiagnosticCodes.PolicyInvalidUtf8, 5],
        [PolicyBodies.BaseWith("mx", "mx: mail.ex\u00E4mple.com"), DiagnosticCodes.PolicyInvalidUtf8, 3],
        [PolicyBodies.BaseWith("mode", "mode: enforce\rmx: x.example"), DiagnosticCodes.PolicyControlCharacter, 2],
        [PolicyBodies.BaseWith("mode", "mode: enforce\r\r"), DiagnosticCodes.PolicyControlCharacter, 2],
        [PolicyBodies.BaseWith("mode", "mode: enforce\u0000"), DiagnosticCodes.PolicyControlCharacter, 2],
        [PolicyBodies.BaseWith("mx", "mx: mail.example.com\u001B"), DiagnosticCodes.PolicyControlCharacter, 3],
        [PolicyBodies.BasePlus("foo: a\u000Bb"), DiagnosticCodes.PolicyControlCharacter, 5],
        [PolicyBodies.BasePlus("foo: a\u000Cb"), DiagnosticCodes.PolicyControlCharacter, 5],
        [PolicyBodies.BasePlus("foo: a\u007Fb"), DiagnosticCodes.PolicyControlCharacter, 5]);

    [TestCaseSource(nameof(BrokenBytes))]
    public void Decision13_InvalidUtf8OrControlCharacter_IsInvalidInBothProfiles(
        string body, string code, int line, ParsingProfile profile)
    {
        DiagnosticAssert.IsInvalid(PolicyBodies.ParseBytes(body, profile), code, line);
    }

    [Test]
    public void Decision14_BodyOfExactly65536Bytes_IsAccepted([Values] ParsingProfile profile)
    {
        byte[] body = PaddedBody(65_536);

        PolicyParseResult result = PolicyParser.Parse(body, profile);

        Assert.That(body, Has.Length.EqualTo(PolicyParser.MaxBodyLength));
        DiagnosticAssert.IsClean(result);
        Assert.That(
            result.Policy!.Extensions.Single().Value,
            Has.Length.EqualTo(65_536 - PolicyBodies.Base.Length - "pad: \n".Length));
    }

    [Test]
    public void Decision14_BodyOverTheLimit_IsRefused(
        [Values(65_537, 1_048_576)] int length,
        [Values] ParsingProfile profile)
    {
        PolicyParseResult result = PolicyParser.Parse(PaddedBody(length), profile);

        DiagnosticAssert.IsInvalid(result, DiagnosticCodes.PolicyTooLarge, null);
        Assert.That(result.Mode, Is.Null);
    }

    /// <summary><c>P_BASE</c> and an extension line padding it to <paramref name="length"/> bytes.</summary>
    private static byte[] PaddedBody(int length)
    {
        string head = PolicyBodies.Base + "pad: ";
        return PolicyBodies.Bytes(head + new string('x', length - head.Length - 1) + "\n");
    }
}
