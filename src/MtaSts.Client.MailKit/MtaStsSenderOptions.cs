using System;
using System.Collections.Generic;
using MailKit.Net.Smtp;

namespace MtaSts.Client.MailKit;

/// <summary>How <see cref="MtaStsSmtpSender"/> connects to MX hosts.</summary>
/// <remarks>
/// <see cref="MtaStsSmtpSender"/> copies the options when it is created; later changes have no effect on
/// it.
/// </remarks>
public sealed class MtaStsSenderOptions
{
    /// <summary>The default of <see cref="Port"/>: 25, the SMTP port of MX hosts.</summary>
    public const int DefaultPort = 25;

    /// <summary>The default of <see cref="ConnectTimeout"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(30);

    // CancellationTokenSource takes at most this many milliseconds.
    private static readonly TimeSpan s_maxTimeout = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <summary>Gets or sets the TCP port connected to on every MX host and smart host.</summary>
    /// <value><see cref="DefaultPort"/>.</value>
    public int Port { get; set; } = DefaultPort;

    /// <summary>Gets or sets how long the TCP connection to one address may take.</summary>
    /// <value>
    /// <see cref="DefaultConnectTimeout"/>. The SMTP dialogue then runs under the client's own
    /// <c>Timeout</c>.
    /// </value>
    public TimeSpan ConnectTimeout { get; set; } = DefaultConnectTimeout;

    /// <summary>
    /// Gets or sets what makes the MailKit client of each connection, so that its EHLO name
    /// (<see cref="SmtpClient.LocalDomain"/>), timeout, protocol logger, TLS versions or a certificate
    /// callback of its own can be set. A callback set here is wrapped, and must accept too;
    /// <see cref="SmtpClient.RequireTLS"/> is set from <see cref="DeliveryOptions.RequireTls"/>.
    /// </summary>
    /// <value>
    /// <see langword="null"/>: a new <see cref="SmtpClient"/> with MailKit's defaults. The sender
    /// disposes every client it gets, and turns off its
    /// <see cref="global::MailKit.MailService.CheckCertificateRevocation"/>: the platform's verdict is
    /// not used, and revocation is what <see cref="Decision.MxCertificateOptions"/> says.
    /// </value>
    public Func<SmtpClient>? ClientFactory { get; set; }

    /// <summary>Checks every option and throws once, naming each one that is wrong.</summary>
    /// <exception cref="ArgumentException">At least one option is invalid.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (Port is < 1 or > 65535)
        {
            problems.Add($"{nameof(Port)} is {Port}; it must be from 1 to 65535.");
        }

        if (ConnectTimeout <= TimeSpan.Zero || ConnectTimeout > s_maxTimeout)
        {
            problems.Add($"{nameof(ConnectTimeout)} is {ConnectTimeout}; "
                + $"it must be more than zero and at most {s_maxTimeout}.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("The sender options are invalid: " + string.Join(" ", problems));
        }
    }

    internal MtaStsSenderOptions Clone() => new()
    {
        Port = Port,
        ConnectTimeout = ConnectTimeout,
        ClientFactory = ClientFactory,
    };
}
