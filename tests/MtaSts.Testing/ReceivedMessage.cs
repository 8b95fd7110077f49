using System.Collections.Generic;

namespace MtaSts.Testing;

/// <summary>A message as a test SMTP server accepted it, with how the session that carried it looked.</summary>
/// <param name="MailFrom">The MAIL FROM address.</param>
/// <param name="Recipients">The RCPT TO addresses, in order.</param>
/// <param name="IsSecure">Whether the message came over TLS (after STARTTLS).</param>
/// <param name="ServerName">The server name (SNI) of the session's TLS handshake, or null without TLS or SNI.</param>
/// <param name="Data">The message exactly as received after DATA.</param>
public sealed record ReceivedMessage(
    string MailFrom,
    IReadOnlyList<string> Recipients,
    bool IsSecure,
    string? ServerName,
    byte[] Data);
