using System;
using System.Collections.Generic;

namespace MtaSts.Client.Discovery;

/// <summary>The MX hosts of a domain in the order RFC 5321 §5.1 has a sender try them, or why there are none.</summary>
public sealed class MxLookupResult
{
    private MxLookupResult(string domain, MxLookupOutcome outcome, IReadOnlyList<MxHostRecord> hosts, string reason)
    {
        Domain = domain;
        Outcome = outcome;
        Hosts = hosts;
        Reason = reason;
    }

    /// <summary>Gets the domain looked up.</summary>
    public string Domain { get; }

    /// <summary>Gets what the lookup found.</summary>
    public MxLookupOutcome Outcome { get; }

    /// <summary>
    /// Gets the MX hosts by ascending preference, hosts of equal preference in random order; empty
    /// unless <see cref="Outcome"/> is <see cref="MxLookupOutcome.Found"/>.
    /// </summary>
    public IReadOnlyList<MxHostRecord> Hosts { get; }

    /// <summary>Gets a sentence saying what the lookup came to.</summary>
    public string Reason { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Domain}: {Outcome} ({Hosts.Count} hosts): {Reason}";

    internal static MxLookupResult Found(string domain, IReadOnlyList<MxHostRecord> hosts, string reason) =>
        new(domain, MxLookupOutcome.Found, hosts, reason);

    internal static MxLookupResult None(string domain, MxLookupOutcome outcome, string reason) =>
        new(domain, outcome, Array.Empty<MxHostRecord>(), reason);
}
