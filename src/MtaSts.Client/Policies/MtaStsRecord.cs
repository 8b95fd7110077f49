using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace MtaSts.Client.Policies;

/// <summary>
/// The <c>_mta-sts</c> TXT record that announces a policy (RFC 8461 §3.1): its <c>id</c> tells a
/// sender whether the policy it holds is still current.
/// </summary>
public sealed class MtaStsRecord
{
    internal MtaStsRecord(string id, IReadOnlyList<ExtensionField> extensions)
    {
        Id = id;
        Extensions = extensions;
    }

    /// <summary>Gets the policy id: 1 to 32 letters and digits, compared byte for byte.</summary>
    public string Id { get; }

    /// <summary>Gets the fields RFC 8461 does not define, which are ignored.</summary>
    public IReadOnlyList<ExtensionField> Extensions { get; }

    /// <summary>Reads one TXT record value with the sender profile.</summary>
    /// <param name="value">The record, its character-strings already joined without separators.</param>
    /// <returns>The record.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="MtaStsFormatException">The value is not a valid MTA-STS record.</exception>
    public static MtaStsRecord Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);

        RecordParseResult result = RecordParser.Parse(value);
        return result.Record
            ?? throw new MtaStsFormatException("The value is not a valid MTA-STS TXT record.", result.Diagnostics);
    }

    /// <summary>Reads one TXT record value with the sender profile.</summary>
    /// <param name="value">The record, its character-strings already joined without separators.</param>
    /// <param name="record">The record, when the value is valid.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a valid MTA-STS record.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out MtaStsRecord? record)
    {
        record = value is null ? null : RecordParser.Parse(value).Record;
        return record is not null;
    }

    /// <inheritdoc/>
    public override string ToString() => "v=STSv1; id=" + Id;
}
