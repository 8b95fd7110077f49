using NUnit.Framework;

namespace MtaSts.Client.MailKit.Tests;

[TestFixture]
public sealed class EnhancedStatusCodesTests
{
    [TestCase(550, "5.7.1 not from you", "5.7.1")]
    [TestCase(452, "4.2.2 Mailbox full", "4.2.2")]
    [TestCase(451, "  4.3.123 busy", "4.3.123")]
    [TestCase(554, "no code here", "5.0.0")]
    [TestCase(450, "5.1.1 class differs from the reply", "4.0.0")]
    [TestCase(550, "5.1 too short", "5.0.0")]
    [TestCase(550, "5.1.1234 detail too long", "5.0.0")]
    [TestCase(550, "5.a.1 not digits", "5.0.0")]
    [TestCase(421, null, "4.0.0")]
    public void FromReply_ReadsTheCodeOnlyWhenWellFormedAndOfTheReplysClass(
        int reply,
        string? text,
        string expected) =>
        Assert.That(EnhancedStatusCodes.FromReply(reply, text), Is.EqualTo(expected));
}
