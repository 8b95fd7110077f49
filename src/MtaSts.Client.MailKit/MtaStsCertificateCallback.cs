using System;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MailKit;
using MtaSts.Client.Decision;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;

namespace MtaSts.Client.MailKit;

/// <summary>
/// A MailKit <see cref="MailService.ServerCertificateValidationCallback"/> that decides with
/// <see cref="MxChecker.CheckMx"/> whether the MX host's certificate lets the message go under the
/// MTA-STS policy (RFC 8461 §4.2), and keeps the <see cref="MxDecision"/> for the caller to read
/// after the handshake, also when MailKit threw because the answer was no.
/// </summary>
/// <remarks>
/// <para>
/// The MX host is the host MailKit connected to: MailKit passes the host name given to
/// <c>Connect</c> as the callback's <c>sender</c> (a <see cref="string"/>, the host of the
/// connection's URI). Connect to the MX host <em>name</em>, also when connecting over a socket
/// opened to one of its addresses, so that SNI, this check and the report all use it.
/// </para>
/// <para>
/// The platform's own verdict (<see cref="SslPolicyErrors"/>) is not used: the chain is built again
/// against <see cref="MxCertificateOptions"/>, and names are matched the MTA-STS way.
/// </para>
/// <para>
/// A certificate is accepted when both agree: the decision lets the message go
/// (<see cref="MxDecision.MayDeliver"/>: no policy, a valid certificate, or a failure that is only
/// reported under <c>testing</c>, <c>TLS-Required: No</c> or report delivery), and the wrapped
/// callback, if there is one, returns <see langword="true"/>. The wrapped callback is called on
/// every handshake, after the decision and whatever it was, with the arguments MailKit gave.
/// A server that presents no certificate is never accepted.
/// </para>
/// <para>
/// The callback is synchronous and does no I/O as long as
/// <see cref="MxCertificateOptions.CheckRevocation"/> and
/// <see cref="MxCertificateOptions.AllowCertificateDownloads"/> are off (the default). One instance
/// serves one connection at a time; each handshake replaces what the last one left.
/// </para>
/// </remarks>
public sealed class MtaStsCertificateCallback
{
    private readonly MxChecker _checker;
    private readonly MtaStsPolicy? _policy;
    private readonly MxCheckContext _context;
    private readonly RemoteCertificateValidationCallback? _next;

    /// <summary>Initializes a new instance of the <see cref="MtaStsCertificateCallback"/> class.</summary>
    /// <param name="checker">Checks the certificate; for example <see cref="MxChecker.Default"/>.</param>
    /// <param name="resolution">
    /// What the resolver answered for the Policy Domain; <see langword="null"/> when no policy can apply
    /// (an address literal), which accepts every certificate the wrapped callback accepts.
    /// </param>
    /// <param name="context">What else is known about the message and the session.</param>
    /// <param name="next">A callback that must accept the certificate too; <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="checker"/> is null.</exception>
    public MtaStsCertificateCallback(
        MxChecker checker,
        PolicyResolution? resolution,
        MxCheckContext context = default,
        RemoteCertificateValidationCallback? next = null)
    {
        ArgumentNullException.ThrowIfNull(checker);

        _checker = checker;
        _policy = resolution?.Policy;
        _context = context;
        _next = next;
    }

    /// <summary>
    /// Gets the MX host of the last handshake, as MailKit named it; <see langword="null"/> before one.
    /// </summary>
    public string? MxHost { get; private set; }

    /// <summary>
    /// Gets the decision of the last handshake; <see langword="null"/> while the callback was not called.
    /// </summary>
    /// <remarks>
    /// A handshake that failed before the server's certificate was seen (no shared protocol, the
    /// connection dropped) leaves it <see langword="null"/>: decide that case with
    /// <see cref="MxCheckContext.HandshakeFailed"/> and no certificate.
    /// </remarks>
    public MxDecision? Decision { get; private set; }

    /// <summary>
    /// Gets what the wrapped callback answered on the last handshake; <see langword="null"/> when
    /// there is none or it was not called yet.
    /// </summary>
    public bool? NextAccepted { get; private set; }

    /// <summary>Gets what the platform found wrong with the last certificate; recorded, not used.</summary>
    public SslPolicyErrors PlatformErrors { get; private set; }

    /// <summary>Gets a value indicating whether the last handshake's certificate was accepted.</summary>
    public bool Accepted { get; private set; }

    /// <summary>
    /// Wraps the callback already set on a MailKit client with a new <see cref="MtaStsCertificateCallback"/>
    /// and sets it on the client in its place.
    /// </summary>
    /// <param name="client">The client, before it connects.</param>
    /// <param name="checker">Checks the certificate.</param>
    /// <param name="resolution">What the resolver answered for the Policy Domain, or <see langword="null"/>.</param>
    /// <param name="context">What else is known about the message and the session.</param>
    /// <returns>The callback now set on the client, to read the decision from after connecting.</returns>
    /// <exception cref="ArgumentNullException">
    /// <paramref name="client"/> or <paramref name="checker"/> is null.
    /// </exception>
    public static MtaStsCertificateCallback Attach(
        IMailService client,
        MxChecker checker,
        PolicyResolution? resolution,
        MxCheckContext context = default)
    {
        ArgumentNullException.ThrowIfNull(client);

        var callback = new MtaStsCertificateCallback(
            checker, resolution, context, client.ServerCertificateValidationCallback);
        client.ServerCertificateValidationCallback = callback.Validate;
        return callback;
    }

    /// <summary>
    /// Decides on the certificate an MX host presented; the signature of <see
    /// cref="RemoteCertificateValidationCallback"/>.
    /// </summary>
    /// <param name="sender">What MailKit passes: the host name it connected to.</param>
    /// <param name="certificate">The server's certificate, or <see langword="null"/> when it sent none.</param>
    /// <param name="chain">The chain the platform built, whose extra store holds what the server sent.</param>
    /// <param name="sslPolicyErrors">The platform's verdict, recorded in <see cref="PlatformErrors"/>.</param>
    /// <returns>Whether the handshake may go on.</returns>
    public bool Validate(
        object? sender,
        X509Certificate? certificate,
        X509Chain? chain,
        SslPolicyErrors sslPolicyErrors)
    {
        string host = HostOf(sender);
        X509Certificate2? presented = certificate switch
        {
            null => null,
            X509Certificate2 full => full,
            _ => new X509Certificate2(certificate),
        };

        // A server that sends no certificate is a handshake that cannot succeed.
        MxCheckContext context = presented is null ? _context with { HandshakeFailed = true } : _context;
        MxDecision decision = _checker.CheckMxForPolicy(_policy, host, presented, chain, context);

        // Kept before the wrapped callback runs, so that a callback that throws leaves it to read.
        MxHost = host;
        Decision = decision;
        PlatformErrors = sslPolicyErrors;
        NextAccepted = null;
        Accepted = false;

        bool? nextAccepted = _next?.Invoke(sender!, certificate, chain, sslPolicyErrors);
        NextAccepted = nextAccepted;
        Accepted = presented is not null && decision.MayDeliver && nextAccepted != false;
        return Accepted;
    }

    /// <summary>
    /// The host name MailKit connected to: the <c>sender</c> it passes is that string; a bare
    /// <see cref="SslStream"/> names it as its target host. Anything else matches no policy.
    /// </summary>
    private static string HostOf(object? sender) => sender switch
    {
        string host => host,
        SslStream stream => stream.TargetHostName,
        _ => string.Empty,
    };
}
