using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Reporting;

/// <summary>
/// The <c>_smtp._tls</c> TXT record of a domain (RFC 8460 §3): where its TLS reports go.
/// </summary>
public sealed class TlsRptRecord
{
    internal TlsRptRecord(IReadOnlyList<ReportDestination> destinations, IReadOnlyList<ExtensionField> extensions)
    {
        Destinations = destinations;
        Extensions = extensions;
    }

    /// <summary>
    /// Gets the usable <c>rua</c> destinations in the order written, without repeats; never empty.
    /// URIs of other schemes and malformed URIs are left out (the parse result warns about them).
    /// </summary>
    public IReadOnlyList<ReportDestination> Destinations { get; }

    /// <summary>Gets the fields RFC 8460 does not define, which are ignored.</summary>
    public IReadOnlyList<ExtensionField> Extensions { get; }

    /// <summary>Reads one TXT record value.</summary>
    /// <param name="value">The record, its character-strings already joined without separators.</param>
    /// <returns>The record.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="MtaStsFormatException">The value is not a usable TLSRPT record.</exception>
    public static TlsRptRecord Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);

        TlsRptRecordParseResult result = TlsRptRecordParser.Parse(value);
        return result.Record
            ?? throw new MtaStsFormatException("The value is not a usable TLSRPT TXT record.", result.Diagnostics);
    }

    /// <summary>Reads one TXT record value.</summary>
    /// <param name="value">The record, its character-strings already joined without separators.</param>
    /// <param name="record">The record, when the value is usable.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a usable TLSRPT record.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out TlsRptRecord? record)
    {
        record = value is null ? null : TlsRptRecordParser.Parse(value).Record;
        return record is not null;
    }

    /// <inheritdoc/>
    public override string ToString() => "v=TLSRPTv1; rua=" + string.Join(",", Destinations);
}
