using System;
using System.Collections.Generic;
using System.Text;
using MailKit;

namespace MtaSts.Client.MailKit;

/// <summary>
/// Keeps the start of an SMTP dialogue from MailKit's protocol logger: the greeting, the first EHLO
/// reply and where the client spoke, bounded in size because a peer is never trusted.
/// </summary>
internal sealed class SmtpTranscript : IProtocolLogger
{
    private const int MaxBytes = 16 * 1024;
    private const int MaxLineLength = 512;
    private const int MaxLines = 200;

    private readonly List<(bool FromServer, string Text)> _lines = new();
    private readonly StringBuilder _server = new();
    private readonly StringBuilder _client = new();
    private int _bytes;

    public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

    /// <summary>Gets the server's first line, the greeting; <see langword="null"/> when it sent none.</summary>
    public string? Greeting => FirstServerLine(0);

    /// <summary>Gets the first line of the server's reply to the first EHLO.</summary>
    public string? EhloReply => EhloReplyLines() is { Count: > 0 } reply ? reply[0] : null;

    /// <summary>
    /// Gets a value indicating whether the reply to the first EHLO, before any TLS, offered STARTTLS.
    /// </summary>
    public bool OffersStartTls
    {
        get
        {
            foreach (string line in EhloReplyLines())
            {
                if (line.Length > 4
                    && line.AsSpan(4).Trim().Equals("STARTTLS", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The host name an SMTP reply line names first, as in <c>220 mail.example.com ESMTP</c>.</summary>
    public static string? HostOf(string? line)
    {
        if (line is null || line.Length < 5)
        {
            return null;
        }

        ReadOnlySpan<char> rest = line.AsSpan(4).TrimStart();
        int end = rest.IndexOfAny(' ', '\t');
        return (end < 0 ? rest : rest[..end]) is { IsEmpty: false } host ? host.ToString() : null;
    }

    public void LogConnect(Uri uri)
    {
    }

    public void LogClient(byte[] buffer, int offset, int count) => Append(false, _client, buffer, offset, count);

    public void LogServer(byte[] buffer, int offset, int count) => Append(true, _server, buffer, offset, count);

    public void Dispose()
    {
    }

    private string? FirstServerLine(int from)
    {
        for (int i = from; i < _lines.Count; i++)
        {
            if (_lines[i].FromServer)
            {
                return _lines[i].Text;
            }
        }

        return null;
    }

    /// <summary>
    /// The server's lines between the first client line beginning with EHLO and the next client line.
    /// </summary>
    private List<string> EhloReplyLines()
    {
        var reply = new List<string>();
        int i = _lines.FindIndex(
            line => !line.FromServer && line.Text.StartsWith("EHLO", StringComparison.OrdinalIgnoreCase));
        for (i = i < 0 ? _lines.Count : i + 1; i < _lines.Count && _lines[i].FromServer; i++)
        {
            reply.Add(_lines[i].Text);
        }

        return reply;
    }

    private void Append(bool fromServer, StringBuilder pending, byte[] buffer, int offset, int count)
    {
        for (int i = offset; i < offset + count && _bytes < MaxBytes && _lines.Count < MaxLines; i++, _bytes++)
        {
            char c = (char)buffer[i];
            if (c == '\n')
            {
                _lines.Add((fromServer, pending.ToString().TrimEnd('\r')));
                pending.Clear();
            }
            else if (pending.Length < MaxLineLength)
            {
                // What a peer sends is shown, never interpreted: anything but printable ASCII becomes '?'.
                pending.Append(c is '\r' or (>= ' ' and <= '~') ? c : '?');
            }
        }
    }
}
