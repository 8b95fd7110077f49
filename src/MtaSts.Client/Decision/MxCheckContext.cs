namespace MtaSts.Client.Decision;

/// <summary>
/// What the sender knows about the message and the session beyond the certificate, which changes
/// what an MTA-STS failure means. The default is an ordinary message over a session whose TLS, if
/// any, was only checked here.
/// </summary>
public readonly record struct MxCheckContext
{
    /// <summary>
    /// Gets a value indicating whether the message carries <c>TLS-Required: No</c> (RFC 8689) and
    /// was not sent with <c>REQUIRETLS</c>: an <c>enforce</c> refusal becomes deliver-and-report.
    /// </summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool TlsRequiredNo { get; init; }

    /// <summary>
    /// Gets a value indicating whether the message was sent with the <c>REQUIRETLS</c> MAIL FROM
    /// parameter, which makes <see cref="TlsRequiredNo"/> count for nothing.
    /// </summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool RequireTls { get; init; }

    /// <summary>
    /// Gets a value indicating whether the message is an RFC 8460 report: it is delivered despite
    /// MTA-STS failures (RFC 8460 §3), and its session must not be counted in a report.
    /// </summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool IsReportDelivery { get; init; }

    /// <summary>
    /// Gets a value indicating whether the MX host offered STARTTLS but the TLS handshake failed;
    /// with no certificate this tells a handshake failure from STARTTLS not being offered.
    /// </summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool HandshakeFailed { get; init; }

    /// <summary>Gets the caller's DANE result for the MX host (RFC 7672).</summary>
    /// <value>Default <see cref="DaneOutcome.NotApplicable"/>.</value>
    public DaneOutcome Dane { get; init; }
}
