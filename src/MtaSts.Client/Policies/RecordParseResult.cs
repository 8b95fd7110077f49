using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace MtaSts.Client.Policies;

/// <summary>What the record parser made of a domain's TXT records, or of one record.</summary>
public sealed class RecordParseResult : ParseResult
{
    internal RecordParseResult(
        ParsingProfile profile,
        RecordOutcome outcome,
        MtaStsRecord? record,
        IReadOnlyList<ParseDiagnostic> diagnostics)
        : base(profile, diagnostics)
    {
        Outcome = outcome;
        Record = record;
    }

    /// <summary>Gets what the records amount to.</summary>
    public RecordOutcome Outcome { get; }

    /// <summary>Gets the record when <see cref="Outcome"/> is <see cref="RecordOutcome.Found"/>.</summary>
    public MtaStsRecord? Record { get; }

    /// <summary>Gets a value indicating whether a valid record was found.</summary>
    [MemberNotNullWhen(true, nameof(Record))]
    public bool IsValid => Record is not null;
}
