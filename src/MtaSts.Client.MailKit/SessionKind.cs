namespace MtaSts.Client.MailKit;

/// <summary>How one SMTP connection to one address of an MX host ended.</summary>
internal enum SessionKind
{
    /// <summary>No TCP connection.</summary>
    ConnectFailed,

    /// <summary>
    /// Connected, but the session broke or the server would not serve; the next address may do better.
    /// </summary>
    Broken,

    /// <summary>The policy refused the MX host; nothing was sent.</summary>
    Refused,

    /// <summary>The TLS handshake failed where the policy lets the message go without TLS.</summary>
    HandshakeFailed,

    /// <summary>The client's own certificate callback refused a certificate the policy accepted.</summary>
    ClientRefused,

    /// <summary>The server took the message.</summary>
    Delivered,

    /// <summary>The server refused the message for good (5xx).</summary>
    Rejected,

    /// <summary>The server refused the message for now (4xx).</summary>
    Deferred,
}
