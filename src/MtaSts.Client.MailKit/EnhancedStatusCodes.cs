using System;

namespace MtaSts.Client.MailKit;

/// <summary>The RFC 3463 enhanced status codes the sender reports, and reading one from a server reply.</summary>
internal static class EnhancedStatusCodes
{
    /// <summary>Other or undefined success.</summary>
    public const string Delivered = "2.0.0";

    /// <summary>No answer from host: nothing reachable took the message.</summary>
    public const string NoAnswer = "4.4.1";

    /// <summary>Directory server failure: DNS did not answer.</summary>
    public const string DnsFailure = "4.4.3";

    /// <summary>Bad destination system address: the domain does not exist.</summary>
    public const string NoSuchDomain = "5.1.2";

    /// <summary>The recipient domain publishes a null MX (RFC 7505 §4.3).</summary>
    public const string NullMx = "5.1.10";

    /// <summary>
    /// The code at the start of a server's reply text, such as <c>4.2.2</c> in <c>4.2.2 Mailbox full</c>,
    /// when its class matches the reply's; otherwise the class with <c>.0.0</c>.
    /// </summary>
    public static string FromReply(int replyCode, string? text)
    {
        char replyClass = replyCode is >= 500 and < 600 ? '5' : '4';
        ReadOnlySpan<char> rest = (text ?? string.Empty).AsSpan().TrimStart();
        int end = rest.IndexOfAny(' ', '\t');
        ReadOnlySpan<char> first = end < 0 ? rest : rest[..end];
        return IsCode(first, replyClass) ? first.ToString() : replyClass + ".0.0";
    }

    /// <summary>Whether the text is <c>class.subject.detail</c> with 1-3 digits in each of the last two.</summary>
    private static bool IsCode(ReadOnlySpan<char> text, char replyClass)
    {
        if (text.Length < 5 || text[0] != replyClass || text[1] != '.')
        {
            return false;
        }

        ReadOnlySpan<char> rest = text[2..];
        int dot = rest.IndexOf('.');
        return dot is >= 1 and <= 3
            && IsDigits(rest[..dot])
            && rest.Length - dot - 1 is >= 1 and <= 3
            && IsDigits(rest[(dot + 1)..]);
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
