using System;
using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace MtaSts.Client.Policies;

/// <summary>
/// Reads MTA-STS policy files (RFC 8461 §3.2) from the bytes received. Never throws on any input,
/// and its work is linear in the size of the input.
/// </summary>
/// <remarks>
/// The parser takes bytes rather than text so that a byte order mark or invalid UTF-8 cannot be
/// hidden by a decoder before it looks at them.
/// </remarks>
public static class PolicyParser
{
    /// <summary>The largest policy body read, in bytes; a larger one is invalid.</summary>
    public const int MaxBodyLength = 65_536;

    /// <summary>The largest <c>max_age</c> RFC 8461 allows, in seconds (about one year); larger values are lowered to it.</summary>
    public const int MaxAgeLimit = 31_557_600;

    // CR is here too: only as part of CRLF is it a line ending, and CRLF never reaches the line reader.
    private static readonly SearchValues<char> s_controlCharacters = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000A\u000B\u000C\u000D\u000E\u000F"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F");

    /// <summary>Reads a policy body.</summary>
    /// <param name="body">The body exactly as received.</param>
    /// <param name="profile">How strictly to read it.</param>
    /// <returns>The policy, or the reasons there is none, with every diagnostic.</returns>
    public static PolicyParseResult Parse(ReadOnlySpan<byte> body, ParsingProfile profile = ParsingProfile.Sender)
    {
        var reader = new PolicyReader(profile);
        if (body.Length > MaxBodyLength)
        {
            reader.Diagnostics.Error(DiagnosticCodes.PolicyTooLarge,
                $"The policy is {body.Length} bytes; senders read at most {MaxBodyLength}.");
            return reader.Finish(string.Empty, checkRequiredFields: false);
        }

        if (body.StartsWith("\uFEFF"u8))
        {
            reader.Diagnostics.Deviation(reader.Strict, DiagnosticCodes.PolicyByteOrderMark,
                "The policy starts with a UTF-8 byte order mark; the first bytes must be a key.", line: 1);
            body = body[3..];
        }

        if (!Utf8.IsValid(body))
        {
            ReportInvalidUtf8(body, ref reader.Diagnostics);
        }

        string text = Encoding.UTF8.GetString(body);
        int lineNumber = 0;
        int start = 0;
        while (start < text.Length)
        {
            lineNumber++;
            int newline = text.AsSpan(start).IndexOf('\n');
            int next = newline < 0 ? text.Length : start + newline + 1;
            int end = newline < 0 ? text.Length : next - 1;
            if (newline >= 0 && end > start && text[end - 1] == '\r')
            {
                end--;
            }

            reader.ReadLine(text, start, end - start, lineNumber);
            start = next;
        }

        return reader.Finish(text, checkRequiredFields: true);
    }

    private static void ReportInvalidUtf8(ReadOnlySpan<byte> body, ref DiagnosticList diagnostics)
    {
        int lineNumber = 0;
        while (!body.IsEmpty)
        {
            lineNumber++;
            int newline = body.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = newline < 0 ? body : body[..newline];
            if (!Utf8.IsValid(line))
            {
                diagnostics.Error(DiagnosticCodes.PolicyInvalidUtf8, "The line is not valid UTF-8.", lineNumber);
            }

            body = newline < 0 ? default : body[(newline + 1)..];
        }
    }

    internal static bool IsControlCharacter(ReadOnlySpan<char> text, out char found)
    {
        int index = text.IndexOfAny(s_controlCharacters);
        found = index < 0 ? default : text[index];
        return index >= 0;
    }
}
