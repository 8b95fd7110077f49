using MailKit.Net.Smtp;
using MtaSts.Client.Decision;

namespace MtaSts.Client.MailKit;

/// <summary>How one SMTP connection ended, with the decision and reply it got to.</summary>
internal readonly record struct SessionResult(
    SessionKind Kind,
    MxDecision? Decision = null,
    string? Error = null,
    bool IsSecure = false,
    SmtpResponse? Response = null);
