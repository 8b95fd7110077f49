using System.Linq;
using MtaSts.Client.Policies;
using MtaSts.Client.Reporting;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Reporting;

/// <summary>The <c>_smtp._tls</c> record (RFC 8460 §3; section H cases 198-207).</summary>
[TestFixture]
public sealed class TlsRptRecordParserTests
{
    private static string[] Rua(TlsRptRecordParseResult result) =>
        result.Record!.Destinations.Select(d => d.ToString()).ToArray();

    private static string[] Codes(TlsRptRecordParseResult result) =>
        result.Diagnostics.Select(d => d.Code).ToArray();

    [Test]
    public void Case198_MailtoRua_IsOneMailDestination()
    {
        TlsRptRecordParseResult result = TlsRptRecordParser.Parse("v=TLSRPTv1; rua=mailto:tlsrpt@example.com");

        Assert.That(result.Outcome, Is.EqualTo(TlsRptRecordOutcome.Found));
        ReportDestination destination = result.Record!.Destinations.Single();
        Assert.That(destination.IsHttps, Is.False);
        Assert.That(destination.MailAddress, Is.EqualTo("tlsrpt@example.com"));
        Assert.That(destination.ToString(), Is.EqualTo("mailto:tlsrpt@example.com"));
    }

    [Test]
    public void Case199_HttpsRua_IsOneHttpsDestination()
    {
        TlsRptRecordParseResult result = TlsRptRecordParser.Parse("v=TLSRPTv1;rua=https://reporting.example.com/v1/tlsrpt");

        ReportDestination destination = result.Record!.Destinations.Single();
        Assert.That(destination.IsHttps, Is.True);
        Assert.That(destination.MailAddress, Is.Null);
        Assert.That(destination.Uri.AbsoluteUri, Is.EqualTo("https://reporting.example.com/v1/tlsrpt"));
    }

    [Test]
    public void Case200_TwoUrisWithSpacesAroundTheComma_AreTwoDestinations()
    {
        TlsRptRecordParseResult result =
            TlsRptRecordParser.Parse("v=TLSRPTv1; rua=mailto:a@example.com , https://r.example.com/x");

        Assert.That(Rua(result), Is.EqualTo(new[] { "mailto:a@example.com", "https://r.example.com/x" }));
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [TestCase("v=TLSRPTv1")]
    [TestCase("v=TLSRPTv1; foo=bar")]
    [TestCase("v=TLSRPTv1;")]
    public void Case201_NoRua_IsUnusable(string value)
    {
        TlsRptRecordParseResult result = TlsRptRecordParser.Parse(value);

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Outcome, Is.EqualTo(TlsRptRecordOutcome.Invalid));
        Assert.That(Codes(result), Does.Contain(TlsRptDiagnosticCodes.RecordMissingRua));
    }

    [Test]
    public void Case201_BareVersionAmongRecords_IsNotACandidate()
    {
        TlsRptRecordParseResult result = TlsRptRecordParser.Select([["v=TLSRPTv1"]]);

        Assert.That(result.Outcome, Is.EqualTo(TlsRptRecordOutcome.NotFound));
    }

    [Test]
    public void Case202_OnlyUnsupportedScheme_HasNoDestination()
    {
        TlsRptRecordParseResult result = TlsRptRecordParser.Parse("v=TLSRPTv1; rua=ftp://r.example.com/x");

        Assert.That(result.IsValid, Is.False);
        Assert.That(Codes(result), Is.EqualTo(new[]
        {
            TlsRptDiagnosticCodes.RuaUnsupportedScheme, TlsRptDiagnosticCodes.RuaNoDestination,
        }));
    }

    [Test]
    public void Case202_UnsupportedSchemeBesideMailto_KeepsTheMailto()
    {
        TlsRptRecordParseResult result = TlsRptRecordParser.Parse("v=TLSRPTv1; rua=ftp://r.example.com/x,mailto:a@example.com");

        Assert.That(Rua(result), Is.EqualTo(new[] { "mailto:a@example.com" }));
        Assert.That(result.Warnings.Single().Code, Is.EqualTo(TlsRptDiagnosticCodes.RuaUnsupportedScheme));
    }

    [Test]
    public void Case203_TwoTlsRptRecords_DomainDoesNotTakeReports()
    {
        TlsRptRecordParseResult result = TlsRptRecordParser.Select(
            [["v=TLSRPTv1; rua=mailto:a@example.com"], ["v=TLSRPTv1; rua=mailto:b@example.com"]]);

        Assert.That(result.Outcome, Is.EqualTo(TlsRptRecordOutcome.Multiple));
        Assert.That(result.Record, Is.Null);
        Assert.That(Codes(result), Is.EqualTo(new[] { TlsRptDiagnosticCodes.RecordMultiple }));
    }

    [Test]
    public void Case204_OtherVersionAlongside_IsDiscarded()
    {
        TlsRptRecordParseResult result = TlsRptRecordParser.Select(
            [["v=TLSRPTv1; rua=mailto:a@example.com"], ["v=TLSRPTv2; rua=mailto:b@example.com"]]);

        Assert.That(Rua(result), Is.EqualTo(new[] { "mailto:a@example.com" }));
    }

    [Test]
    public void Case205_LowerCaseVersion_IsDiscarded()
    {
        TlsRptRecordParseResult selected = TlsRptRecordParser.Select([["v=tlsrptv1; rua=mailto:a@example.com"]]);
        TlsRptRecordParseResult parsed = TlsRptRecordParser.Parse("v=tlsrptv1; rua=mailto:a@example.com");

        Assert.That(selected.Outcome, Is.EqualTo(TlsRptRecordOutcome.NotFound));
        Assert.That(parsed.Outcome, Is.EqualTo(TlsRptRecordOutcome.NotFound));
        Assert.That(Codes(parsed), Is.EqualTo(new[] { TlsRptDiagnosticCodes.RecordNotTlsRpt }));
    }

    [Test]
    public void Case206_SplitStrings_AreJoinedWithoutSpaces()
    {
        TlsRptRecordParseResult result = TlsRptRecordParser.Select([["v=TLSRPTv1; rua=mailto:tls", "rpt@example.com"]]);

        Assert.That(Rua(result), Is.EqualTo(new[] { "mailto:tlsrpt@example.com" }));
    }

    [Test]
    public void Case207_UnknownExtension_IsIgnored()
    {
        TlsRptRecordParseResult result = TlsRptRecordParser.Parse("v=TLSRPTv1; rua=mailto:a@example.com; foo=bar");

        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Record!.Extensions.Single().ToString(), Is.EqualTo("foo=bar"));
    }

    [TestCase("mailto:")]
    [TestCase("mailto:@example.com")]
    [TestCase("mailto:a@")]
    [TestCase("mailto:a@-bad-.com")]
    [TestCase("https://192.0.2.1/x")]
    [TestCase("https:///nohost")]
    [TestCase("https://user@r.example.com/x")]
    [TestCase("https://r.example.com/a!b")]
    [TestCase("noscheme")]
    public void Parse_BadUriBesideAGoodOne_SkipsItWithAWarningAndKeepsTheOther(string bad)
    {
        TlsRptRecordParseResult result = TlsRptRecordParser.Parse($"v=TLSRPTv1; rua={bad},mailto:ok@example.com");

        Assert.That(Rua(result), Is.EqualTo(new[] { "mailto:ok@example.com" }));
        Assert.That(result.Warnings.Single().Code, Is.EqualTo(TlsRptDiagnosticCodes.RuaInvalidUri));
    }

    [TestCase("https://r.example.com/%zz")]
    [TestCase("mailto:.a@example.com")]
    [TestCase("mailto:a%40b@example.com")]
    [TestCase("mailto:a@1.2.3.4")]
    [TestCase("mailto:a@b@example.com")]
    public void Parse_MalformedDestinationBesideAGoodOne_IsSkippedAndTheOtherKept(string bad)
    {
        TlsRptRecordParseResult result = TlsRptRecordParser.Parse($"v=TLSRPTv1; rua={bad},mailto:good@example.com");

        Assert.That(Rua(result), Is.EqualTo(new[] { "mailto:good@example.com" }));
        Assert.That(result.Warnings.Single().Code, Is.EqualTo(TlsRptDiagnosticCodes.RuaInvalidUri));
    }

    [Test]
    public void Parse_PercentEncodedMailto_DecodesTheAddress()
    {
        TlsRptRecordParseResult result = TlsRptRecordParser.Parse("v=TLSRPTv1; rua=mailto:tls%2Brpt@example.com?subject=x");

        Assert.That(result.Record!.Destinations.Single().MailAddress, Is.EqualTo("tls+rpt@example.com"));
    }

    [Test]
    public void Parse_WhiteSpaceBeforeTheFirstSemicolon_IsARecord()
    {
        Assert.That(TlsRptRecordParser.Parse("v=TLSRPTv1 ; rua=mailto:a@example.com").IsValid, Is.True);
        Assert.That(TlsRptRecordParser.Select([["v=TLSRPTv1\t;rua=mailto:a@example.com"]]).IsValid, Is.True);
    }

    [Test]
    public void Parse_TrailingWhiteSpace_IsAWarningForSendersAndAnErrorWhenStrict()
    {
        const string Value = "v=TLSRPTv1; rua=mailto:a@example.com ";

        Assert.That(TlsRptRecordParser.Parse(Value).Warnings.Single().Code,
            Is.EqualTo(TlsRptDiagnosticCodes.RecordTrailingWhitespace));
        Assert.That(TlsRptRecordParser.Parse(Value, ParsingProfile.Strict).IsValid, Is.False);
    }

    [Test]
    public void Parse_RepeatedRuaAndRepeatedUri_MergesWithoutRepeats()
    {
        TlsRptRecordParseResult result = TlsRptRecordParser.Parse(
            "v=TLSRPTv1; rua=mailto:a@example.com; rua=mailto:a@example.com,https://r.example.com/");

        Assert.That(Rua(result), Is.EqualTo(new[] { "mailto:a@example.com", "https://r.example.com/" }));
        Assert.That(Codes(result), Is.EqualTo(new[] { TlsRptDiagnosticCodes.RecordDuplicateRua }));
    }

    [TestCase("v=TLSRPTv1;; rua=mailto:a@example.com", TlsRptDiagnosticCodes.RecordEmptyField)]
    [TestCase("v=TLSRPTv1; rua=mailto:a@example.com; _x=1", TlsRptDiagnosticCodes.RecordInvalidField)]
    [TestCase("v=TLSRPTv1; rua=mailto:a@example.com; x=a b", TlsRptDiagnosticCodes.RecordInvalidField)]
    [TestCase("v=TLSRPTv1; rua=mailto:ä@example.com", TlsRptDiagnosticCodes.RecordNonAscii)]
    [TestCase("v=TLSRPTv1; rua=", TlsRptDiagnosticCodes.RecordInvalidField)]
    public void Parse_GrammarViolation_IsInvalidWithItsCode(string value, string code)
    {
        TlsRptRecordParseResult result = TlsRptRecordParser.Parse(value);

        Assert.That(result.Outcome, Is.EqualTo(TlsRptRecordOutcome.Invalid));
        Assert.That(result.Errors.Select(e => e.Code), Does.Contain(code));
    }

    [Test]
    public void Parse_NonAsciiRua_IsReportedOnceNotAlsoAsMissing()
    {
        TlsRptRecordParseResult result = TlsRptRecordParser.Parse("v=TLSRPTv1; rua=mailto:ä@bücher.example");

        Assert.That(result.Errors.Select(e => e.Code), Is.EqualTo(new[] { TlsRptDiagnosticCodes.RecordNonAscii }));
    }

    [Test]
    public void Parse_ManyDestinations_KeepsTheFirstTen()
    {
        string rua = string.Join(",", Enumerable.Range(0, 30).Select(i => $"mailto:r{i}@example.com"));

        TlsRptRecordParseResult result = TlsRptRecordParser.Parse("v=TLSRPTv1; rua=" + rua);

        Assert.That(result.Record!.Destinations, Has.Count.EqualTo(TlsRptRecordParser.MaxDestinations));
        Assert.That(result.Warnings, Has.Count.EqualTo(20));
    }

    [Test]
    public void Parse_HostileInput_NeverThrowsAndBoundsDiagnostics()
    {
        string hostile = "v=TLSRPTv1;" + string.Concat(Enumerable.Repeat("rua=\u0001,,;;x=\u202E;", 5000));

        TlsRptRecordParseResult result = TlsRptRecordParser.Parse(hostile);

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Diagnostics, Has.Count.LessThanOrEqualTo(202));
        Assert.That(result.Diagnostics.Any(d => d.Message.Contains('\u202E')), Is.False, "Diagnostics quote it escaped.");
    }

    [Test]
    public void TryParse_Record_RoundTripsThroughToString()
    {
        Assert.That(TlsRptRecord.TryParse("v=TLSRPTv1; rua=mailto:a@example.com", out TlsRptRecord? record), Is.True);
        Assert.That(record!.ToString(), Is.EqualTo("v=TLSRPTv1; rua=mailto:a@example.com"));
        Assert.That(TlsRptRecord.TryParse("v=TLSRPTv1", out _), Is.False);
        Assert.Throws<MtaStsFormatException>(() => TlsRptRecord.Parse("v=spf1 -all"));
    }
}
