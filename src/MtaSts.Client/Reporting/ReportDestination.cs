using System;

namespace MtaSts.Client.Reporting;

/// <summary>
/// One <c>rua</c> destination of a <c>_smtp._tls</c> record (RFC 8460 §3): an <c>https</c> URI to
/// POST reports to, or a <c>mailto</c> URI to mail them to.
/// </summary>
public sealed class ReportDestination : IEquatable<ReportDestination>
{
    internal ReportDestination(Uri uri, string? mailAddress)
    {
        Uri = uri;
        MailAddress = mailAddress;
    }

    /// <summary>Gets the URI as the record wrote it.</summary>
    public Uri Uri { get; }

    /// <summary>Gets a value indicating whether reports go by HTTPS POST to <see cref="Uri"/>.</summary>
    public bool IsHttps => MailAddress is null;

    /// <summary>
    /// Gets the address of a <c>mailto</c> destination, percent-decoded (for example
    /// <c>tlsrpt@example.com</c>); <see langword="null"/> for an <c>https</c> destination.
    /// </summary>
    public string? MailAddress { get; }

    /// <inheritdoc/>
    public bool Equals(ReportDestination? other) =>
        other is not null && string.Equals(Uri.OriginalString, other.Uri.OriginalString, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ReportDestination);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Uri.OriginalString);

    /// <inheritdoc/>
    public override string ToString() => Uri.OriginalString;
}
