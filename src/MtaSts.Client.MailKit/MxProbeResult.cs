using System.Collections.Generic;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MtaSts.Client.Decision;
using MtaSts.Client.Resolution;

namespace MtaSts.Client.MailKit;

/// <summary>
/// What an MX host showed when probed: whether it answered, whether it offered STARTTLS, and the
/// certificate it presented.
/// </summary>
public sealed class MxProbeResult
{
    internal MxProbeResult(
        string mxHost,
        int port,
        IReadOnlyList<IPAddress> addresses,
        IPAddress? connectedAddress,
        string? error,
        SmtpTranscript? transcript,
        bool handshakeSucceeded,
        string? handshakeError,
        SslProtocols tlsProtocol,
        CertificateCapture? capture)
    {
        MxHost = mxHost;
        Port = port;
        Addresses = addresses;
        ConnectedAddress = connectedAddress;
        Error = error;
        Greeting = transcript?.Greeting;
        GreetingHost = SmtpTranscript.HostOf(Greeting);
        EhloHost = SmtpTranscript.HostOf(transcript?.EhloReply);
        StartTlsOffered = transcript?.OffersStartTls ?? false;
        HandshakeSucceeded = handshakeSucceeded;
        HandshakeError = handshakeError;
        TlsProtocol = tlsProtocol;
        Certificate = capture?.Certificate;
        Chain = capture?.Sent ?? [];
        PlatformErrors = capture?.PlatformErrors ?? SslPolicyErrors.None;
    }

    /// <summary>Gets the MX host probed.</summary>
    public string MxHost { get; }

    /// <summary>Gets the port probed.</summary>
    public int Port { get; }

    /// <summary>Gets the addresses DNS gave for the host, IPv6 first.</summary>
    public IReadOnlyList<IPAddress> Addresses { get; }

    /// <summary>Gets the address the session ran on; <see langword="null"/> when none could be reached.</summary>
    public IPAddress? ConnectedAddress { get; }

    /// <summary>Gets a value indicating whether a TCP connection to the host was made.</summary>
    public bool IsReachable => ConnectedAddress is not null;

    /// <summary>
    /// Gets what went wrong (no address, no connection, a broken session, a failed handshake); <see
    /// langword="null"/> when nothing did.
    /// </summary>
    public string? Error { get; }

    /// <summary>Gets the server's greeting line, made printable; <see langword="null"/> when it sent none.</summary>
    public string? Greeting { get; }

    /// <summary>Gets the host name the greeting gives, as in <c>220 mail.example.com ESMTP</c>.</summary>
    public string? GreetingHost { get; }

    /// <summary>Gets the host name the server gives in its reply to EHLO.</summary>
    public string? EhloHost { get; }

    /// <summary>Gets a value indicating whether the server's reply to EHLO offered STARTTLS.</summary>
    public bool StartTlsOffered { get; }

    /// <summary>Gets a value indicating whether the TLS handshake after STARTTLS completed.</summary>
    public bool HandshakeSucceeded { get; }

    /// <summary>Gets why the TLS handshake failed; <see langword="null"/> when it did not.</summary>
    public string? HandshakeError { get; }

    /// <summary>Gets the TLS version negotiated; <see cref="SslProtocols.None"/> without TLS.</summary>
    public SslProtocols TlsProtocol { get; }

    /// <summary>Gets the certificate the server presented; <see langword="null"/> when it presented none.</summary>
    public MxProbeCertificate? Certificate { get; }

    /// <summary>
    /// Gets the other certificates the server sent with its own (its intermediates), in the order received.
    /// </summary>
    public IReadOnlyList<MxProbeCertificate> Chain { get; }

    /// <summary>
    /// Gets what the platform found wrong with the certificate against its own trust store; for
    /// information.
    /// </summary>
    public SslPolicyErrors PlatformErrors { get; }

    /// <summary>Decides, as a sender would, whether a message may go to the host under a policy.</summary>
    /// <param name="checker">Checks the certificate; for example <see cref="MxChecker.Default"/>.</param>
    /// <param name="resolution">
    /// What the resolver answered for the Policy Domain; <see langword="null"/> for none.
    /// </param>
    /// <param name="context">What else is known about the message and the session.</param>
    /// <returns>
    /// The decision; <see langword="null"/> when the host could not be reached or the session broke
    /// before the host said whether it offers STARTTLS, which tells nothing about TLS and is not an
    /// MTA-STS failure (RFC 8460 §4.3.4). A failed handshake is decided as one, whatever certificate
    /// was seen before it failed.
    /// </returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="checker"/> is null.</exception>
    public MxDecision? CheckMx(
        MxChecker checker,
        PolicyResolution? resolution,
        MxCheckContext context = default)
    {
        System.ArgumentNullException.ThrowIfNull(checker);
        bool brokenBeforeTls = Error is not null && HandshakeError is null && !StartTlsOffered;
        if (!IsReachable || brokenBeforeTls)
        {
            return null;
        }

        if (!HandshakeSucceeded || Certificate is null)
        {
            return checker.CheckMxForPolicy(resolution?.Policy, MxHost, null, null,
                context with { HandshakeFailed = StartTlsOffered });
        }

        using var chain = new X509Chain();
        foreach (MxProbeCertificate sent in Chain)
        {
            chain.ChainPolicy.ExtraStore.Add(sent.Certificate);
        }

        return checker.CheckMxForPolicy(resolution?.Policy, MxHost, Certificate.Certificate, chain, context);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        !IsReachable ? $"{MxHost}:{Port}: unreachable: {Error}"
        : !StartTlsOffered ? $"{MxHost}:{Port} ({ConnectedAddress}): no STARTTLS"
        : HandshakeSucceeded ? $"{MxHost}:{Port} ({ConnectedAddress}): {TlsProtocol}, {Certificate}"
        : $"{MxHost}:{Port} ({ConnectedAddress}): TLS handshake failed: {HandshakeError}";
}
