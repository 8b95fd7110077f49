using System.Linq;
using System.Text;
using MimeKit;

namespace MtaSts.Client.MailKit.Tests;

/// <summary>Policy bodies and messages for the delivery tests.</summary>
internal static class TestMail
{
    public const string Domain = "example.com";

    /// <summary>P_NONE of the conformance cases.</summary>
    public const string NonePolicy = "version: STSv1\r\nmode: none\r\nmax_age: 86400\r\n";

    public static string Enforce(params string[] mx) => Policy("enforce", mx);

    public static string Testing(params string[] mx) => Policy("testing", mx);

    /// <summary>A message from alice@sender.test to the recipients given.</summary>
    public static MimeMessage To(params string[] recipients)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("alice@sender.test"));
        foreach (string recipient in recipients)
        {
            message.To.Add(MailboxAddress.Parse(recipient));
        }

        message.Subject = "MTA-STS on loopback";
        message.Body = new TextPart("plain") { Text = "Hello over loopback." };
        return message;
    }

    public static string Text(byte[] data) => Encoding.UTF8.GetString(data);

    private static string Policy(string mode, string[] mx) =>
        $"version: STSv1\r\nmode: {mode}\r\n"
        + string.Concat(mx.Select(pattern => $"mx: {pattern}\r\n"))
        + "max_age: 604800\r\n";
}
