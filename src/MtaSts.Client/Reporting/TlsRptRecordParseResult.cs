using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Reporting;

/// <summary>What the TLSRPT record parser made of a domain's TXT records, or of one record.</summary>
public sealed class TlsRptRecordParseResult : ParseResult
{
    internal TlsRptRecordParseResult(
        ParsingProfile profile,
        TlsRptRecordOutcome outcome,
        TlsRptRecord? record,
        IReadOnlyList<ParseDiagnostic> diagnostics)
        : base(profile, diagnostics)
    {
        Outcome = outcome;
        Record = record;
    }

    /// <summary>Gets what the records amount to.</summary>
    public TlsRptRecordOutcome Outcome { get; }

    /// <summary>Gets the record when <see cref="Outcome"/> is <see cref="TlsRptRecordOutcome.Found"/>.</summary>
    public TlsRptRecord? Record { get; }

    /// <summary>Gets a value indicating whether a usable record was found.</summary>
    [MemberNotNullWhen(true, nameof(Record))]
    public bool IsValid => Record is not null;
}
