using System;
using System.Linq;
using System.Text;
using MtaSts.Client.Policies;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Policies;

/// <summary>Inputs a careless or hostile peer sends, and what a domain owner is then told.</summary>
[TestFixture]
public sealed class HostileInputTests
{
    private const string Valid = "version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 86400\n";

    private static PolicyParseResult Parse(byte[] body, ParsingProfile profile = ParsingProfile.Sender) =>
        PolicyParser.Parse(body, profile);

    [Test]
    public void Parse_ManyWarningsBeforeTheError_StillListsTheError()
    {
        byte[] body = Encoding.ASCII.GetBytes(
            new string('\n', 150) + "version: STSv1\nmode: Enforce\nmx: mail.example.com\nmax_age: 86400\n");

        PolicyParseResult result = Parse(body);

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Errors.Select(e => (e.Code, e.Line)), Does.Contain((DiagnosticCodes.PolicyInvalidMode, (int?)152)));
        Assert.That(result.Warnings, Has.Count.EqualTo(101));
        Assert.That(result.Warnings[^1].Code, Is.EqualTo(DiagnosticCodes.TooManyDiagnostics));
        Assert.That(() => MtaStsPolicy.Parse(body), Throws.TypeOf<MtaStsFormatException>()
            .With.Message.Contains(DiagnosticCodes.PolicyInvalidMode));
    }

    [TestCase("# caf\u00E9 policy")]
    [TestCase("# comment \u0001")]
    [TestCase("junk\r")]
    public void Parse_UncleanLineThatIsNoField_IsIgnoredBySendersOnly(string line)
    {
        byte[] body = Encoding.Latin1.GetBytes(Valid + line + "\n");

        PolicyParseResult sender = Parse(body);
        PolicyParseResult strict = Parse(body, ParsingProfile.Strict);

        Assert.That(sender.IsValid, Is.True, string.Join("\n", sender.Diagnostics));
        Assert.That(sender.Warnings.Single().Line, Is.EqualTo(5));
        Assert.That(strict.IsValid, Is.False);
    }

    [Test]
    public void Parse_ControlCharacterInAKnownField_NamesTheFieldNotAMissingOne()
    {
        byte[] body = Encoding.ASCII.GetBytes("version: STSv1\nmode: enforce\u0000\nmx: mail.example.com\nmax_age: 86400\n");

        PolicyParseResult result = Parse(body);

        ParseDiagnostic error = result.Errors.Single();
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.PolicyControlCharacter));
        Assert.That(error.Line, Is.EqualTo(2));
        Assert.That(error.Message, Does.Contain("'mode'"));
    }

    [Test]
    public void Parse_CarriageReturnsOnly_ExplainsTheLineEndings()
    {
        PolicyParseResult result = Parse(Encoding.ASCII.GetBytes(Valid.Replace('\n', '\r')));

        Assert.That(result.Errors[0].Message, Does.Contain("LF"));
        Assert.That(result.Errors.Select(e => e.Code), Does.Not.Contain(DiagnosticCodes.PolicyMissingVersion));
    }

    [TestCase("\uFF4D\uFF41\uFF49\uFF4C.example.com")]
    [TestCase("mail.exa\u200Bmple.com")]
    public void Parse_MxThatIsNoULabel_OnlySaysItMatchesNothing(string mx)
    {
        byte[] body = Encoding.UTF8.GetBytes(Valid + "mx: " + mx + "\n");

        PolicyParseResult result = Parse(body);

        Assert.That(result.Warnings.Select(w => w.Code), Is.EqualTo(new[] { DiagnosticCodes.PolicyInvalidMx }));
        Assert.That(result.Warnings[0].Message, Does.Contain("\\u200B").Or.Contain("\uFF4D"));
    }

    [TestCase("\uFF4D\uFF41\uFF49\uFF4C.example.com")]
    [TestCase("mail.exa\u200Bmple.com")]
    [TestCase("mail\u3002example\u3002com")]
    public void Matches_LookalikeOfAListedHost_DoesNotMatch(string host)
    {
        MtaStsPolicy policy = MtaStsPolicy.Parse(Encoding.ASCII.GetBytes(Valid));

        Assert.That(policy.Matches(host), Is.False);
        Assert.That(policy.Matches("mail.example.com"), Is.True);
    }

    [TestCase("\uFF11\uFF19\uFF12.\uFF10.\uFF12.\uFF11")]
    [TestCase("192\u30020\u30022\u30021")]
    [TestCase("ex\u200Bample.com")]
    public void PolicyDomain_LookalikeOfAnAddressOrName_IsRefused(string domain)
    {
        Assert.That(PolicyDomain.TryCreate(domain, out _), Is.False);
        Assert.That(PolicyDomain.TryFromAddress("user@" + domain, out _), Is.False);
    }

    [Test]
    public void RecordParse_ValueWithLineBreak_QuotesItEscaped()
    {
        RecordParseResult result = RecordParser.Parse("v=STSv1; id=1;\n");

        Assert.That(result.Errors.Single().Message, Does.Contain("\\u000A").And.Not.Contain("\n"));
    }

    [Test]
    public void RecordParse_HugeId_IsQuotedShort()
    {
        RecordParseResult result = RecordParser.Parse("v=STSv1; id=" + new string('a', 1_000_000));

        Assert.That(result.Errors.Single().Message.Length, Is.LessThan(300));
    }

    [Test]
    public void Parse_UndefinedProfile_IsMisuse()
    {
        Assert.That(() => PolicyParser.Parse(Encoding.ASCII.GetBytes(Valid), (ParsingProfile)7),
            Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => RecordParser.Parse("v=STSv1; id=1", (ParsingProfile)7),
            Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
