using System.Collections.Generic;
using System.Linq;
using MtaSts.Client.Policies;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Conformance;

/// <summary>
/// Conformance cases 1-39 (section A): picking the MTA-STS record out of the TXT answer and reading
/// it, RFC 8461 §3.1 (with the repeated-field rule of §3.2). The record grammar is the same in both
/// profiles except for trailing white space (decision 2), so most cases run in both.
/// </summary>
/// <remarks>
/// Case 37 (a temporary DNS failure) needs a resolver and is not decided by this layer. Cases 36,
/// 38 and 39 are checked on the TXT answer the resolver hands over; against a real DNS server, with
/// case 37, in <c>Discovery/MtaStsDnsClientLoopbackTests</c>.
/// </remarks>
[TestFixture]
public sealed class RecordConformanceTests
{
    private const string Id32 = "0123456789abcdefABCDEF0123456789";

    private static RecordParseResult Select(ParsingProfile profile, params string[] records) =>
        RecordParser.Select(records.Select(record => new[] { record }), profile);

    private static RecordParseResult SelectStrings(ParsingProfile profile, params string[] characterStrings) =>
        RecordParser.Select(new[] { characterStrings }, profile);

    private static void AssertNotFound(RecordParseResult result) =>
        DiagnosticAssert.IsNotUsable(result, RecordOutcome.NotFound, DiagnosticCodes.RecordNotFound);

    /// <summary>What <see cref="RecordParser.Parse"/> says of one value that is not an MTA-STS record.</summary>
    private static void AssertNotSts(RecordParseResult result) =>
        DiagnosticAssert.IsNotUsable(result, RecordOutcome.NotFound, DiagnosticCodes.RecordNotSts);

    private static void AssertMultiple(RecordParseResult result) =>
        DiagnosticAssert.IsNotUsable(result, RecordOutcome.Multiple, DiagnosticCodes.RecordMultiple);

    private static void AssertInvalid(RecordParseResult result, string code) =>
        DiagnosticAssert.IsNotUsable(result, RecordOutcome.Invalid, code);

    [Test]
    public void Case001_CanonicalRecord_IsFound([Values] ParsingProfile profile)
    {
        RecordParseResult result = Select(profile, "v=STSv1; id=20160831085700Z;");

        DiagnosticAssert.IsFound(result, "20160831085700Z");
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Record!.Extensions, Is.Empty);
    }

    [Test]
    public void Case002_NoTrailingSemicolon_IsFound([Values] ParsingProfile profile)
    {
        RecordParseResult result = Select(profile, "v=STSv1; id=20160831085700Z");

        DiagnosticAssert.IsFound(result, "20160831085700Z");
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void Case003_NoSpacesAtAll_IsFound([Values] ParsingProfile profile)
    {
        DiagnosticAssert.IsFound(Select(profile, "v=STSv1;id=abc123"), "abc123");
    }

    [Test]
    public void Case004_TabsAndSpacesAroundDelimiter_IsFound([Values] ParsingProfile profile)
    {
        RecordParseResult result = Select(profile, "v=STSv1;\t id=abc \t;");

        DiagnosticAssert.IsFound(result, "abc");
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void Case005_TrailingDelimiterThenWhitespace_IsFound([Values] ParsingProfile profile)
    {
        RecordParseResult result = Select(profile, "v=STSv1; id=abc; ");

        DiagnosticAssert.IsFound(result, "abc");
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void Case006_TrailingWhitespaceWithoutDelimiter_StrictIsInvalid()
    {
        RecordParseResult result = Select(ParsingProfile.Strict, "v=STSv1; id=abc ");

        AssertInvalid(result, DiagnosticCodes.RecordTrailingWhitespace);
    }

    [Test]
    public void Case006_TrailingWhitespaceWithoutDelimiter_SenderTrimsWithWarning()
    {
        RecordParseResult result = Select(ParsingProfile.Sender, "v=STSv1; id=abc ");

        DiagnosticAssert.IsFound(result, "abc");
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.RecordTrailingWhitespace);
    }

    [Test]
    public void Case007_LeadingWhitespace_IsNotFound([Values] ParsingProfile profile)
    {
        AssertNotFound(Select(profile, " v=STSv1; id=abc"));
        AssertNotSts(RecordParser.Parse(" v=STSv1; id=abc", profile));
    }

    [Test]
    public void Case008_VersionCase_IsNotFound(
        [Values("v=stsv1; id=abc", "V=STSv1; id=abc")] string record,
        [Values] ParsingProfile profile)
    {
        AssertNotFound(Select(profile, record));
        AssertNotSts(RecordParser.Parse(record, profile));
    }

    [Test]
    public void Case009_OtherVersion_IsNotFound([Values] ParsingProfile profile)
    {
        AssertNotFound(Select(profile, "v=STSv2; id=abc"));
    }

    [Test]
    public void Case010_VersionPrefixTrap_IsNotFound([Values] ParsingProfile profile)
    {
        AssertNotFound(Select(profile, "v=STSv10; id=abc"));
        AssertNotSts(RecordParser.Parse("v=STSv10; id=abc", profile));
    }

    [Test]
    public void Case011_VersionOnly_IsNotFound([Values] ParsingProfile profile)
    {
        // "No record" and "invalid record" both conform; without a ';' the version filter drops it first.
        AssertNotFound(Select(profile, "v=STSv1"));
    }

    [Test]
    public void Case011_VersionAndDelimiterOnly_IsInvalid([Values] ParsingProfile profile)
    {
        AssertInvalid(Select(profile, "v=STSv1;"), DiagnosticCodes.RecordMissingId);
    }

    [Test]
    public void Case012_MissingId_IsInvalid([Values] ParsingProfile profile)
    {
        AssertInvalid(Select(profile, "v=STSv1; foo=bar"), DiagnosticCodes.RecordMissingId);
    }

    [Test]
    public void Case013_EmptyId_IsInvalid([Values] ParsingProfile profile)
    {
        AssertInvalid(Select(profile, "v=STSv1; id="), DiagnosticCodes.RecordInvalidId);
    }

    [Test]
    public void Case014_IdOf32Characters_IsFound([Values] ParsingProfile profile)
    {
        DiagnosticAssert.IsFound(Select(profile, "v=STSv1; id=" + Id32), Id32);
    }

    [Test]
    public void Case015_IdOf33Characters_IsInvalid([Values] ParsingProfile profile)
    {
        AssertInvalid(Select(profile, "v=STSv1; id=" + Id32 + "x"), DiagnosticCodes.RecordInvalidId);
    }

    [Test]
    public void Case016_IdOf1Character_IsFound([Values] ParsingProfile profile)
    {
        DiagnosticAssert.IsFound(Select(profile, "v=STSv1; id=a"), "a");
    }

    [Test]
    public void Case017_NonAlphanumericId_IsInvalid(
        [Values("id=2024-05-01", "id=abc_1", "id=v1.2", "id=abc+/=")] string field,
        [Values] ParsingProfile profile)
    {
        AssertInvalid(Select(profile, "v=STSv1; " + field), DiagnosticCodes.RecordInvalidId);
    }

    [Test]
    public void Case017_IdWithSpace_IsInvalid([Values] ParsingProfile profile)
    {
        AssertInvalid(Select(profile, "v=STSv1; id=abc def"), DiagnosticCodes.RecordInvalidField);
    }

    [Test]
    public void Case018_UpperCaseIdKey_IsInvalid([Values] ParsingProfile profile)
    {
        AssertInvalid(Select(profile, "v=STSv1; ID=abc"), DiagnosticCodes.RecordMissingId);
    }

    [Test]
    public void Case019_WhitespaceAroundEquals_IsInvalid([Values] ParsingProfile profile)
    {
        AssertInvalid(Select(profile, "v=STSv1; id = abc"), DiagnosticCodes.RecordInvalidField);
    }

    [Test]
    public void Case020_EmptyField_IsInvalid(
        [Values("v=STSv1;; id=abc", "v=STSv1; id=abc;;")] string record,
        [Values] ParsingProfile profile)
    {
        AssertInvalid(Select(profile, record), DiagnosticCodes.RecordEmptyField);
    }

    [Test]
    public void Case021_DuplicateId_FirstIsUsed([Values] ParsingProfile profile)
    {
        RecordParseResult result = Select(profile, "v=STSv1; id=abc; id=def");

        DiagnosticAssert.IsFound(result, "abc");
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.RecordDuplicateId);
    }

    [Test]
    public void Case022_Extensions_AreIgnored([Values] ParsingProfile profile)
    {
        RecordParseResult result = Select(profile, "v=STSv1; id=abc; foo=bar; x.y-z_1=Q~!");

        DiagnosticAssert.IsFound(result, "abc");
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(
            result.Record!.Extensions.Select(e => (e.Name, e.Value)),
            Is.EqualTo(new[] { ("foo", "bar"), ("x.y-z_1", "Q~!") }));
    }

    [Test]
    public void Case023_ExtensionBeforeId_IsFound([Values] ParsingProfile profile)
    {
        DiagnosticAssert.IsFound(Select(profile, "v=STSv1; foo=bar; id=abc"), "abc");
    }

    [Test]
    public void Case024_ExtensionWithEmptyValue_IsInvalid([Values] ParsingProfile profile)
    {
        AssertInvalid(Select(profile, "v=STSv1; id=abc; foo="), DiagnosticCodes.RecordInvalidField);
    }

    [Test]
    public void Case025_ExtensionValueWithSpaceOrEquals_IsInvalid(
        [Values("v=STSv1; id=abc; foo=bar baz", "v=STSv1; id=abc; foo=a=b")] string record,
        [Values] ParsingProfile profile)
    {
        AssertInvalid(Select(profile, record), DiagnosticCodes.RecordInvalidField);
    }

    [Test]
    public void Case026_BadExtensionName_IsInvalid(
        [Values("_foo=1", "-foo=1", "abcdefghijklmnopqrstuvwxyz0123456=1")] string field,
        [Values] ParsingProfile profile)
    {
        AssertInvalid(Select(profile, "v=STSv1; id=abc; " + field), DiagnosticCodes.RecordInvalidField);
    }

    [Test]
    public void Case026_ExtensionNameOf32Characters_IsFound([Values] ParsingProfile profile)
    {
        RecordParseResult result = Select(profile, "v=STSv1; id=abc; abcdefghijklmnopqrstuvwxyz012345=1");

        DiagnosticAssert.IsFound(result, "abc");
        Assert.That(result.Record!.Extensions.Single().Name, Is.EqualTo("abcdefghijklmnopqrstuvwxyz012345"));
    }

    [Test]
    public void Case027_NonAscii_IsInvalid([Values] ParsingProfile profile)
    {
        AssertInvalid(Select(profile, "v=STSv1; id=abc; note=caf\u00E9"), DiagnosticCodes.RecordNonAscii);
    }

    [Test]
    public void Case027_NonAsciiId_IsReportedOnceNotAlsoAsMissing([Values] ParsingProfile profile)
    {
        RecordParseResult result = Select(profile, "v=STSv1; id=caf\u00E9");

        AssertInvalid(result, DiagnosticCodes.RecordNonAscii);
        Assert.That(result.Errors.Select(e => e.Code), Is.EqualTo(new[] { DiagnosticCodes.RecordNonAscii }));
    }

    [Test]
    public void Case028_SplitCharacterStrings_AreJoinedWithoutSpace([Values] ParsingProfile profile)
    {
        DiagnosticAssert.IsFound(SelectStrings(profile, "v=STSv1; id=20160831", "085700Z;"), "20160831085700Z");
    }

    [Test]
    public void Case029_SplitInsideVersion_IsJoinedBeforeFiltering([Values] ParsingProfile profile)
    {
        DiagnosticAssert.IsFound(SelectStrings(profile, "v=STS", "v1; id=abc"), "abc");
    }

    [Test]
    public void Case030_SpaceJoinTrap_IdIsJoined([Values] ParsingProfile profile)
    {
        DiagnosticAssert.IsFound(SelectStrings(profile, "v=STSv1; id=abc", "def"), "abcdef");
    }

    [Test]
    public void Case031_TwoValidRecords_IsMultiple([Values] ParsingProfile profile)
    {
        AssertMultiple(Select(profile, "v=STSv1; id=abc", "v=STSv1; id=def"));
    }

    [Test]
    public void Case032_OneValidOneInvalid_IsMultiple([Values] ParsingProfile profile)
    {
        AssertMultiple(Select(profile, "v=STSv1; id=abc", "v=STSv1; id=bad-id"));
        AssertMultiple(Select(profile, "v=STSv1; id=bad-id", "v=STSv1; id=abc"));
    }

    [Test]
    public void Case033_AmongUnrelatedRecords_IsFound([Values] ParsingProfile profile)
    {
        RecordParseResult result = Select(profile, "v=STSv1; id=abc", "v=spf1 -all", "site-verification=xyz");

        DiagnosticAssert.IsFound(result, "abc");
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void Case034_RecordsForOtherVersions_AreDropped(
        [Values("v=STSv2; id=def", "v=STSv10; id=def")] string other,
        [Values] ParsingProfile profile)
    {
        DiagnosticAssert.IsFound(Select(profile, "v=STSv1; id=abc", other), "abc");
        DiagnosticAssert.IsFound(Select(profile, other, "v=STSv1; id=abc"), "abc");
    }

    [Test]
    public void Case035_WhitespaceBeforeFirstDelimiter_IsFound([Values] ParsingProfile profile)
    {
        DiagnosticAssert.IsFound(Select(profile, "v=STSv1 ; id=abc"), "abc");
        DiagnosticAssert.IsFound(Select(profile, "v=STSv1 ; id=abc", "v=spf1 -all"), "abc");
        DiagnosticAssert.IsFound(RecordParser.Parse("v=STSv1 ; id=abc", profile), "abc");
    }

    [Test]
    public void Case036_NoTxtRecords_IsNotFound([Values] ParsingProfile profile)
    {
        // NXDOMAIN and NODATA both reach this layer as an empty answer.
        AssertNotFound(RecordParser.Select(new List<IEnumerable<string>>(), profile));
    }

    [Test]
    public void Case038_CnameDelegation_RecordAtTargetIsUsed_PolicyStaysWithRecipientDomain()
    {
        // The resolver follows _mta-sts.example.com to _mta-sts.provider.example and returns its TXT.
        RecordParseResult result = Select(ParsingProfile.Sender, "v=STSv1; id=prov42");
        Assert.That(PolicyDomain.TryCreate("example.com", out PolicyDomain? domain), Is.True);

        DiagnosticAssert.IsFound(result, "prov42");
        Assert.That(domain!.RecordName, Is.EqualTo("_mta-sts.example.com"));
        Assert.That(domain.PolicyHost, Is.EqualTo("mta-sts.example.com"));
        Assert.That(domain.PolicyUri.AbsoluteUri, Is.EqualTo("https://mta-sts.example.com/.well-known/mta-sts.txt"));
    }

    [Test]
    public void Case039_CnameChain_RecordAtEndIsUsed()
    {
        // _mta-sts.example.com -> a.example.org -> b.example.org: the answer holds the records of b.
        DiagnosticAssert.IsFound(Select(ParsingProfile.Sender, "v=STSv1; id=chain1", "v=spf1 -all"), "chain1");
    }

    [Test]
    public void Case039_CnameLoop_NoAnswerIsNotFound()
    {
        // A resolver that gives up on a loop without a temporary error returns no TXT record.
        AssertNotFound(RecordParser.Select(new List<IEnumerable<string>>()));
    }
}
