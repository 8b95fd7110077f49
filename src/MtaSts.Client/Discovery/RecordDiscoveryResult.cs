using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Discovery;

/// <summary>What looking up a Policy Domain's <c>_mta-sts</c> TXT record found.</summary>
public sealed class RecordDiscoveryResult
{
    private RecordDiscoveryResult(
        PolicyDomain domain,
        RecordDiscoveryOutcome outcome,
        MtaStsRecord? record,
        TimeSpan timeToLive,
        string reason,
        IReadOnlyList<ParseDiagnostic> diagnostics,
        bool noServerAnswered = false)
    {
        Domain = domain;
        Outcome = outcome;
        Record = record;
        TimeToLive = timeToLive;
        Reason = reason;
        Diagnostics = diagnostics;
        NoServerAnswered = noServerAnswered;
    }

    /// <summary>Gets the Policy Domain whose record was looked up.</summary>
    public PolicyDomain Domain { get; }

    /// <summary>Gets what the lookup came to.</summary>
    public RecordDiscoveryOutcome Outcome { get; }

    /// <summary>Gets the record when <see cref="Outcome"/> is <see cref="RecordDiscoveryOutcome.Found"/>.</summary>
    public MtaStsRecord? Record { get; }

    /// <summary>Gets the policy <c>id</c> of the record found, or <see langword="null"/>.</summary>
    public string? PolicyId => Record?.Id;

    /// <summary>
    /// Gets how long the answer may be reused: the lowest TTL among the TXT records and the CNAMEs
    /// that led to them. <see cref="TimeSpan.Zero"/> unless a record was found.
    /// </summary>
    public TimeSpan TimeToLive { get; }

    /// <summary>Gets a sentence saying what was found or what went wrong, for logs and reports.</summary>
    public string Reason { get; }

    /// <summary>
    /// Gets what the record parser reported: its errors for <see cref="RecordDiscoveryOutcome.Invalid"/>
    /// and <see cref="RecordDiscoveryOutcome.Multiple"/>, any warnings for a record found. Empty when
    /// DNS gave no records.
    /// </summary>
    public IReadOnlyList<ParseDiagnostic> Diagnostics { get; }

    /// <summary>
    /// Gets a value indicating whether the <see cref="RecordDiscoveryOutcome.DnsFailure"/> is that no
    /// DNS server gave a usable answer at all (time-out, network error, or replies that do not
    /// parse), rather than one answering SERVFAIL or REFUSED.
    /// </summary>
    public bool NoServerAnswered { get; }

    /// <summary>Gets a value indicating whether exactly one valid record was found.</summary>
    [MemberNotNullWhen(true, nameof(Record), nameof(PolicyId))]
    public bool IsFound => Record is not null;

    /// <inheritdoc/>
    public override string ToString() => $"{Domain}: {Outcome}: {Reason}";

    internal static RecordDiscoveryResult Found(
        PolicyDomain domain,
        MtaStsRecord record,
        TimeSpan timeToLive,
        IReadOnlyList<ParseDiagnostic> diagnostics) =>
        new(domain, RecordDiscoveryOutcome.Found, record, timeToLive,
            $"{domain.RecordName} has one MTA-STS record, id {record.Id}.", diagnostics);

    internal static RecordDiscoveryResult NotUsable(
        PolicyDomain domain,
        RecordDiscoveryOutcome outcome,
        string reason,
        IReadOnlyList<ParseDiagnostic>? diagnostics = null,
        bool noServerAnswered = false) =>
        new(domain, outcome, null, TimeSpan.Zero, reason, diagnostics ?? Array.Empty<ParseDiagnostic>(), noServerAnswered);
}
