using System;
using System.Buffers;

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

    /// <summary>The largest <c>max_age</c> RFC 8461 allows, in seconds (a year); larger values are lowered to it.</summary>
    public const int MaxAgeLimit = 31_557_600;

    // Every C0 control and DEL except TAB (white space) and LF (the line terminator). CR is here
    // too: it is allowed only right before LF, and that CR never reaches a line.
    private static readonly SearchValues<byte> s_controlBytes = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
         127]);

    private static readonly SearchValues<byte> s_plainBytes = SearchValues.Create(
        "\t\n\r !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"u8);

    /// <summary>Reads a policy body.</summary>
    /// <param name="body">The body exactly as received.</param>
    /// <param name="profile">How strictly to read it.</param>
    /// <returns>The policy, or the reasons there is none, with every diagnostic.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="profile"/> is not a defined profile.</exception>
    public static PolicyParseResult Parse(ReadOnlySpan<byte> body, ParsingProfile profile = ParsingProfile.Sender)
    {
        ProfileCheck.ThrowIfUndefined(profile);
        if (body.Length > MaxBodyLength)
        {
            var tooLarge = new PolicyReader(profile, Array.Empty<byte>(), checkEachLine: false);
            tooLarge.Diagnostics.Error(DiagnosticCodes.PolicyTooLarge,
                $"The policy has more than {MaxBodyLength} bytes, the most senders read.");
            return tooLarge.Finish(checkRequiredFields: false);
        }

        bool byteOrderMark = body.StartsWith("\uFEFF"u8);
        byte[] content = (byteOrderMark ? body[3..] : body).ToArray();

        // Most bodies are plain ASCII text, which can hold neither invalid UTF-8 nor a control
        // byte other than a CR (which the line splitter finds); one vector scan says so, and only
        // other bodies are checked line by line.
        bool plain = !content.AsSpan().ContainsAnyExcept(s_plainBytes);
        var reader = new PolicyReader(profile, content, checkEachLine: !plain);
        if (byteOrderMark)
        {
            reader.Diagnostics.Deviation(reader.Strict, DiagnosticCodes.PolicyByteOrderMark,
                "The policy starts with a UTF-8 byte order mark; the first bytes must be a key.", line: 1);
        }

        ReadLines(content, ref reader);
        return reader.Finish(checkRequiredFields: true);
    }

    internal static int IndexOfControlByte(ReadOnlySpan<byte> line) => line.IndexOfAny(s_controlBytes);

    private static void ReadLines(byte[] content, ref PolicyReader reader)
    {
        int lineNumber = 0;
        int start = 0;
        while (start < content.Length)
        {
            int blankLength = 0;
            int blank = content[start] is (byte)'\n' or (byte)'\r'
                ? CountBlankLines(content.AsSpan(start), out blankLength)
                : 0;
            if (blank > 0)
            {
                reader.ReportBlankLines(lineNumber + 1, blank);
                lineNumber += blank;
                start += blankLength;
                continue;
            }

            lineNumber++;
            if (content[start] == 'm' && reader.TryReadCanonicalMx(start, out int afterMx))
            {
                start = afterMx;
                continue;
            }

            int end = FindLineEnd(content, start, out int next, out bool loneCarriageReturn);
            reader.ReadLine(start, end - start, lineNumber, loneCarriageReturn);
            start = next;
        }
    }

    /// <summary>
    /// Finds where the line at <paramref name="start"/> ends: at LF, or at the CR of CRLF. A CR
    /// anywhere else is no line ending but a control character inside the line.
    /// </summary>
    private static int FindLineEnd(byte[] content, int start, out int next, out bool loneCarriageReturn)
    {
        loneCarriageReturn = false;
        int i = start;
        while (true)
        {
            int found = content.AsSpan(i).IndexOfAny((byte)'\n', (byte)'\r');
            if (found < 0)
            {
                next = content.Length;
                return content.Length;
            }

            i += found;
            if (content[i] == '\n')
            {
                next = i + 1;
                return i;
            }

            if (i + 1 < content.Length && content[i + 1] == '\n')
            {
                next = i + 2;
                return i;
            }

            loneCarriageReturn = true;
            i++;
        }
    }

    /// <summary>
    /// Counts the empty lines (LF or CRLF alone) at the start of <paramref name="text"/>, so that a
    /// body of thousands of blank lines costs a vector scan rather than a pass per line.
    /// </summary>
    private static int CountBlankLines(ReadOnlySpan<byte> text, out int length)
    {
        length = 0;
        int run = text.IndexOfAnyExcept((byte)'\r', (byte)'\n');
        ReadOnlySpan<byte> terminators = run < 0 ? text : text[..run];

        // Keep only whole terminators: a trailing CR belongs to the next line, a lone CR is no ending.
        int lastNewline = terminators.LastIndexOf((byte)'\n');
        terminators = terminators[..(lastNewline + 1)];
        int newlines = terminators.Count((byte)'\n');
        if (newlines == 0 || terminators.Count((byte)'\r') != terminators.Count("\r\n"u8))
        {
            return 0;
        }

        length = terminators.Length;
        return newlines;
    }
}
