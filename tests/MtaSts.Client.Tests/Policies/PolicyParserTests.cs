using System.Linq;
using System.Text;
using MtaSts.Client.Policies;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Policies;

[TestFixture]
public sealed class PolicyParserTests
{
    private static PolicyParseResult Parse(string body, ParsingProfile profile = ParsingProfile.Sender) =>
        PolicyParser.Parse(Encoding.UTF8.GetBytes(body), profile);

    [Test]
    public void Parse_TypicalPolicy_ReadsEveryField()
    {
        PolicyParseResult result = Parse("version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmax_age: 604800\r\n");

        Assert.That(result.IsValid, Is.True, string.Join("\n", result.Diagnostics));
        Assert.That(result.Policy!.Mode, Is.EqualTo(PolicyMode.Enforce));
        Assert.That(result.Policy.MaxAgeSeconds, Is.EqualTo(604800));
        Assert.That(result.Policy.MxPatterns.Select(p => p.Value), Is.EqualTo(new[] { "mail.example.com", "*.example.net" }));
        Assert.That(result.Policy.Lines, Has.Count.EqualTo(5));
        Assert.That(result.Policy.Lines[0], Is.EqualTo("version: STSv1"));
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void Parse_ErrorsOnSeveralLines_ReportsEachWithItsLine()
    {
        PolicyParseResult result = Parse("version: STSv2\nmode: bogus\nmax_age: x\n");

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Errors.Select(e => (e.Line, e.Code)), Is.EqualTo(new (int?, string)[]
        {
            (1, DiagnosticCodes.PolicyInvalidVersion),
            (2, DiagnosticCodes.PolicyInvalidMode),
            (3, DiagnosticCodes.PolicyInvalidMaxAge),
        }));
    }
}
