using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Reporting;

/// <summary>What looking up a domain's <c>_smtp._tls</c> TXT record found.</summary>
public sealed class TlsRptDiscoveryResult
{
    internal TlsRptDiscoveryResult(
        PolicyDomain domain,
        TlsRptDiscoveryOutcome outcome,
        TlsRptRecord? record,
        string reason,
        IReadOnlyList<ParseDiagnostic>? diagnostics = null)
    {
        Domain = domain;
        Outcome = outcome;
        Record = record;
        Reason = reason;
        Diagnostics = diagnostics ?? Array.Empty<ParseDiagnostic>();
    }

    /// <summary>Gets the domain whose record was looked up.</summary>
    public PolicyDomain Domain { get; }

    /// <summary>Gets what the lookup came to.</summary>
    public TlsRptDiscoveryOutcome Outcome { get; }

    /// <summary>Gets the record when <see cref="Outcome"/> is <see cref="TlsRptDiscoveryOutcome.Found"/>.</summary>
    public TlsRptRecord? Record { get; }

    /// <summary>Gets a sentence saying what was found or what went wrong, for logs.</summary>
    public string Reason { get; }

    /// <summary>Gets what the record parser reported; empty when DNS gave no records.</summary>
    public IReadOnlyList<ParseDiagnostic> Diagnostics { get; }

    /// <summary>Gets a value indicating whether a usable record was found.</summary>
    [MemberNotNullWhen(true, nameof(Record))]
    public bool IsFound => Record is not null;

    /// <inheritdoc/>
    public override string ToString() => $"{Domain}: {Outcome}: {Reason}";
}
