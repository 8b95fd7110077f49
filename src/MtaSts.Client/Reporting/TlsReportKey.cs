using System;
using System.Globalization;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Reporting;

/// <summary>What one TLS report covers: one Policy Domain over one UTC day (RFC 8460 §4.1).</summary>
/// <param name="Day">The UTC day.</param>
/// <param name="PolicyDomain">The Policy Domain.</param>
public readonly record struct TlsReportKey(DateOnly Day, PolicyDomain PolicyDomain)
{
    /// <summary>Gets the first instant of the day: 00:00:00Z.</summary>
    public DateTimeOffset Start => new(Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Gets the last second of the day, 23:59:59Z, which a report gives as its end (project decision 29).</summary>
    public DateTimeOffset End => Start.AddDays(1).AddSeconds(-1);

    /// <summary>Gets the key of a moment: its UTC day.</summary>
    /// <param name="moment">When a session happened.</param>
    /// <param name="policyDomain">The Policy Domain.</param>
    /// <returns>The key.</returns>
    public static TlsReportKey At(DateTimeOffset moment, PolicyDomain policyDomain) =>
        new(DateOnly.FromDateTime(moment.UtcDateTime), policyDomain);

    /// <inheritdoc/>
    public override string ToString() =>
        Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " " + PolicyDomain?.Name;
}
