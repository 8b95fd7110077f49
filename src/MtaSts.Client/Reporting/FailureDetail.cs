using System;
using System.Net;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Reporting;

/// <summary>
/// What went wrong in a failed session, as one <c>failure-details</c> entry of a TLS report
/// describes it (RFC 8460 §4.4) without its count. Immutable; sessions with equal details are
/// summed into one entry.
/// </summary>
/// <remarks>
/// Host names, the HELO name and the reason code are cut to 255 characters: the HELO name comes
/// from the peer, and no name of DNS is longer, so a longer value could only make the report and
/// its store grow.
/// </remarks>
public sealed class FailureDetail : IEquatable<FailureDetail>
{
    private const int MaxTextLength = 255;

    /// <summary>Initializes a new instance of the <see cref="FailureDetail"/> class.</summary>
    /// <param name="resultType">One of the failure result types of <see cref="ResultTypes"/>.</param>
    /// <param name="sendingMtaIp">The address the sending MTA connected from.</param>
    /// <param name="receivingMxHostname">The MX host name the sender tried.</param>
    /// <param name="receivingMxHelo">The name the MX host gave in its greeting or EHLO answer.</param>
    /// <param name="receivingIp">The address the sender connected to.</param>
    /// <param name="failureReasonCode">
    /// A short code for the failure, such as a TLS library's error name; it should be given for
    /// <c>certificate-not-trusted</c> and <c>validation-failure</c>.
    /// </param>
    /// <param name="additionalInformation">Where to read more about the failure.</param>
    /// <exception cref="ArgumentNullException"><paramref name="resultType"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="resultType"/> is not a failure result type, or <paramref name="additionalInformation"/>
    /// is not an absolute URI.
    /// </exception>
    public FailureDetail(
        string resultType,
        IPAddress? sendingMtaIp = null,
        string? receivingMxHostname = null,
        string? receivingMxHelo = null,
        IPAddress? receivingIp = null,
        string? failureReasonCode = null,
        Uri? additionalInformation = null)
    {
        ArgumentNullException.ThrowIfNull(resultType);
        if (!ResultTypes.IsFailure(resultType))
        {
            throw new ArgumentException(
                $"'{resultType}' is not one of the eleven RFC 8460 failure result types.", nameof(resultType));
        }

        if (additionalInformation is { IsAbsoluteUri: false })
        {
            throw new ArgumentException("The additional information must be an absolute URI.", nameof(additionalInformation));
        }

        ResultType = resultType;
        SendingMtaIp = sendingMtaIp;
        ReceivingMxHostname = Cut(receivingMxHostname);
        ReceivingMxHelo = Cut(receivingMxHelo);
        ReceivingIp = receivingIp;
        FailureReasonCode = Cut(failureReasonCode);
        AdditionalInformation = additionalInformation;
    }

    /// <summary>Gets the <c>result-type</c>.</summary>
    public string ResultType { get; }

    /// <summary>Gets the <c>sending-mta-ip</c>, or <see langword="null"/> when not known.</summary>
    public IPAddress? SendingMtaIp { get; }

    /// <summary>Gets the <c>receiving-mx-hostname</c>, or <see langword="null"/> when no MX was tried.</summary>
    public string? ReceivingMxHostname { get; }

    /// <summary>Gets the <c>receiving-mx-helo</c>, or <see langword="null"/>.</summary>
    public string? ReceivingMxHelo { get; }

    /// <summary>Gets the <c>receiving-ip</c>, or <see langword="null"/> when no connection was made.</summary>
    public IPAddress? ReceivingIp { get; }

    /// <summary>Gets the <c>failure-reason-code</c>, or <see langword="null"/>.</summary>
    public string? FailureReasonCode { get; }

    /// <summary>Gets the <c>additional-information</c> URI, or <see langword="null"/>.</summary>
    public Uri? AdditionalInformation { get; }

    /// <summary>
    /// The failure of a policy fetch: its result type (<c>sts-policy-fetch-error</c>,
    /// <c>sts-webpki-invalid</c> or <c>sts-policy-invalid</c>) and its reason code.
    /// </summary>
    /// <param name="fetch">The failed fetch.</param>
    /// <param name="sendingMtaIp">The address the sending MTA delivers from, when known.</param>
    /// <returns>The failure detail.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fetch"/> is null.</exception>
    /// <exception cref="ArgumentException">The fetch did not fail.</exception>
    public static FailureDetail FromFetch(PolicyFetchResult fetch, IPAddress? sendingMtaIp = null)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        if (fetch.ResultType is not { } resultType)
        {
            throw new ArgumentException("The fetch succeeded, so there is no failure to report.", nameof(fetch));
        }

        return new FailureDetail(resultType, sendingMtaIp, failureReasonCode: fetch.FailureReasonCode);
    }

    /// <inheritdoc/>
    public bool Equals(FailureDetail? other) =>
        other is not null
        && string.Equals(ResultType, other.ResultType, StringComparison.Ordinal)
        && Equals(SendingMtaIp, other.SendingMtaIp)
        && string.Equals(ReceivingMxHostname, other.ReceivingMxHostname, StringComparison.Ordinal)
        && string.Equals(ReceivingMxHelo, other.ReceivingMxHelo, StringComparison.Ordinal)
        && Equals(ReceivingIp, other.ReceivingIp)
        && string.Equals(FailureReasonCode, other.FailureReasonCode, StringComparison.Ordinal)
        && Equals(AdditionalInformation, other.AdditionalInformation);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as FailureDetail);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(ResultType, StringComparer.Ordinal);
        hash.Add(SendingMtaIp);
        hash.Add(ReceivingMxHostname, StringComparer.Ordinal);
        hash.Add(ReceivingMxHelo, StringComparer.Ordinal);
        hash.Add(ReceivingIp);
        hash.Add(FailureReasonCode, StringComparer.Ordinal);
        hash.Add(AdditionalInformation);
        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{ResultType} {ReceivingMxHostname ?? "-"} {ReceivingIp?.ToString() ?? "-"} {FailureReasonCode}".TrimEnd();

    /// <summary>The detail with only its result type, which sessions fold into once a policy has too many details.</summary>
    internal FailureDetail Folded() => new(ResultType);

    private static string? Cut(string? value) => value is { Length: > MaxTextLength } ? value[..MaxTextLength] : value;
}
