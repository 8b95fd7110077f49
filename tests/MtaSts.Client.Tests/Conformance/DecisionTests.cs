using MtaSts.Client.Policies;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Conformance;

/// <summary>
/// The project's answers where RFC 8461 §3.1 and §3.2 leave room, one or more tests per numbered
/// decision. This part holds the TXT record (decisions 1-4); the other part the policy file (7-14).
/// </summary>
[TestFixture]
public sealed partial class DecisionTests
{
    private static RecordParseResult Select(ParsingProfile profile, params string[] records)
    {
        var answer = new string[records.Length][];
        for (int i = 0; i < records.Length; i++)
        {
            answer[i] = [records[i]];
        }

        return RecordParser.Select(answer, profile);
    }

    [Test]
    public void Decision01_WhitespaceBeforeFirstDelimiter_IsValidRecord([Values] ParsingProfile profile)
    {
        DiagnosticAssert.IsFound(RecordParser.Parse("v=STSv1 ; id=abc", profile), "abc");
        DiagnosticAssert.IsFound(RecordParser.Parse("v=STSv1\t;id=abc", profile), "abc");
    }

    [Test]
    public void Decision01_WhitespaceBeforeFirstDelimiter_CountsAsAnStsRecord([Values] ParsingProfile profile)
    {
        // One rule for a lone record and for a record among others: it is counted, so two make "multiple".
        DiagnosticAssert.IsFound(Select(profile, "v=spf1 -all", "v=STSv1 ; id=abc"), "abc");
        DiagnosticAssert.IsNotUsable(
            Select(profile, "v=STSv1 ; id=abc", "v=STSv1; id=def"),
            RecordOutcome.Multiple,
            DiagnosticCodes.RecordMultiple);
    }

    [TestCase("v=STSv1; id=abc ")]
    [TestCase("v=STSv1; id=abc\t")]
    [TestCase("v=STSv1; foo=bar; id=abc \t ")]
    public void Decision02_TrailingWhitespaceWithoutDelimiter_SenderTrimsWithWarning(string record)
    {
        RecordParseResult result = RecordParser.Parse(record, ParsingProfile.Sender);

        DiagnosticAssert.IsFound(result, "abc");
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.RecordTrailingWhitespace);
    }

    [TestCase("v=STSv1; id=abc ")]
    [TestCase("v=STSv1; id=abc\t")]
    [TestCase("v=STSv1; foo=bar; id=abc \t ")]
    public void Decision02_TrailingWhitespaceWithoutDelimiter_StrictRejects(string record)
    {
        RecordParseResult result = RecordParser.Parse(record, ParsingProfile.Strict);

        DiagnosticAssert.IsNotUsable(result, RecordOutcome.Invalid, DiagnosticCodes.RecordTrailingWhitespace);
    }

    [Test]
    public void Decision02_TrailingWhitespaceAfterFinalDelimiter_IsValidInBoth([Values] ParsingProfile profile)
    {
        RecordParseResult result = RecordParser.Parse("v=STSv1; id=abc; \t", profile);

        DiagnosticAssert.IsFound(result, "abc");
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void Decision03_RepeatedId_FirstCounts(
        [Values("v=STSv1; id=abc; id=def", "v=STSv1; id=abc; foo=bar; id=def;", "v=STSv1; id=abc; id=bad-id")]
        string record,
        [Values] ParsingProfile profile)
    {
        RecordParseResult result = RecordParser.Parse(record, profile);

        DiagnosticAssert.IsFound(result, "abc");
        DiagnosticAssert.HasWarning(result, DiagnosticCodes.RecordDuplicateId);
    }

    [Test]
    public void Decision03_RepeatedIdAfterInvalidFirst_DoesNotRescueIt([Values] ParsingProfile profile)
    {
        RecordParseResult result = RecordParser.Parse("v=STSv1; id=bad-id; id=abc", profile);

        DiagnosticAssert.IsNotUsable(result, RecordOutcome.Invalid, DiagnosticCodes.RecordInvalidId);
    }

    [Test]
    public void Decision04_IdsKeepTheirCase_AndDifferByCase([Values] ParsingProfile profile)
    {
        RecordParseResult upper = RecordParser.Parse("v=STSv1; id=ABC", profile);
        RecordParseResult lower = RecordParser.Parse("v=STSv1; id=abc", profile);

        DiagnosticAssert.IsFound(upper, "ABC");
        DiagnosticAssert.IsFound(lower, "abc");
        Assert.That(upper.Record!.Id, Is.Not.EqualTo(lower.Record!.Id));
        Assert.That(string.Equals(upper.Record.Id, lower.Record.Id, System.StringComparison.Ordinal), Is.False);
    }

    [Test]
    public void Decision04_MixedCaseId_IsKeptByteForByte()
    {
        const string Id = "20240501T0000zAbC";

        RecordParseResult result = RecordParser.Parse("v=STSv1; id=" + Id);

        DiagnosticAssert.IsFound(result, Id);
        Assert.That(MtaStsRecord.Parse("v=STSv1; id=" + Id).Id, Is.EqualTo(Id));
    }
}
