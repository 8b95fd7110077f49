using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Reporting;

/// <summary>What <see cref="TlsReportReader"/> made of a report: the report, or why it is not one.</summary>
public sealed class TlsReportReadResult
{
    internal TlsReportReadResult(TlsReport? report, IReadOnlyList<ParseDiagnostic> diagnostics)
    {
        Report = report;
        Diagnostics = diagnostics;
    }

    /// <summary>Gets the report, or <see langword="null"/> when the input is not a valid report.</summary>
    public TlsReport? Report { get; }

    /// <summary>
    /// Gets the problems found, each with a code of <see cref="TlsRptDiagnosticCodes"/> and a message
    /// naming the field (for example <c>policies[0].summary</c>); errors make the input invalid.
    /// </summary>
    public IReadOnlyList<ParseDiagnostic> Diagnostics { get; }

    /// <summary>Gets a value indicating whether the input is a valid report.</summary>
    [MemberNotNullWhen(true, nameof(Report))]
    public bool IsValid => Report is not null;
}
