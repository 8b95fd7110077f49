using System.Text;
using NUnit.Framework;

namespace MtaSts.Client.MailKit.Tests;

[TestFixture]
public sealed class SmtpTranscriptTests
{
    private static SmtpTranscript Dialogue(params (bool FromServer, string Text)[] chunks)
    {
        var transcript = new SmtpTranscript();
        foreach ((bool fromServer, string text) in chunks)
        {
            byte[] bytes = Encoding.Latin1.GetBytes(text);
            if (fromServer)
            {
                transcript.LogServer(bytes, 0, bytes.Length);
            }
            else
            {
                transcript.LogClient(bytes, 0, bytes.Length);
            }
        }

        return transcript;
    }

    [Test]
    public void Transcript_GreetingAndEhloReply_SplitAcrossReads()
    {
        SmtpTranscript transcript = Dialogue(
            (true, "220 mx.example.com ES"), (true, "MTP ready\r\n"),
            (false, "EHLO sender.test\r\n"),
            (true, "250-mx1.example.com Hello\r\n250-PIPELINING\r\n250-starttls \r\n250 SIZE 100\r\n"),
            (false, "STARTTLS\r\n"),
            (true, "220 go ahead\r\n"));

        Assert.That(transcript.Greeting, Is.EqualTo("220 mx.example.com ESMTP ready"));
        Assert.That(SmtpTranscript.HostOf(transcript.Greeting), Is.EqualTo("mx.example.com"));
        Assert.That(SmtpTranscript.HostOf(transcript.EhloReply), Is.EqualTo("mx1.example.com"));
        Assert.That(transcript.OffersStartTls, Is.True);
    }

    [Test]
    public void Transcript_StartTlsOnlyAfterTheFirstEhlo_DoesNotCount()
    {
        SmtpTranscript transcript = Dialogue(
            (true, "220 mx\r\n"), (false, "EHLO a\r\n"), (true, "250-mx\r\n250 SIZE 1\r\n"),
            (false, "EHLO a\r\n"), (true, "250-mx\r\n250 STARTTLS\r\n"));

        Assert.That(transcript.OffersStartTls, Is.False);
    }

    [Test]
    public void Transcript_ControlAndNonAsciiCharacters_ShownAsQuestionMarks()
    {
        SmtpTranscript transcript = Dialogue((true, "220 m\u0007x\u00e9.example\r\n"));

        Assert.That(transcript.Greeting, Is.EqualTo("220 m?x?.example"));
    }

    [Test]
    public void Transcript_EndlessLine_KeptShort()
    {
        SmtpTranscript transcript = Dialogue((true, "220 " + new string('a', 100_000) + "\r\n"));

        Assert.That(transcript.Greeting, Is.Null, "past the byte limit the line never ends");
    }

    [Test]
    public void Transcript_LongLine_CutAt512()
    {
        SmtpTranscript transcript = Dialogue((true, "220 " + new string('a', 2_000) + "\r\n"));

        Assert.That(transcript.Greeting, Has.Length.EqualTo(512));
    }

    [TestCase("220", null)]
    [TestCase("220 ", null)]
    [TestCase("220-mx.example.com", "mx.example.com")]
    [TestCase("250 mx.example.com\tHello", "mx.example.com")]
    public void HostOf_TakesTheFirstWordAfterTheCode(string line, string? expected) =>
        Assert.That(SmtpTranscript.HostOf(line), Is.EqualTo(expected));
}
