using System.Collections.Generic;
using MtaSts.Client.Discovery;

namespace MtaSts.Cli;

/// <summary>The MX hosts of the checked domain and what probing each of them found.</summary>
/// <param name="Lookup">
/// What the MX lookup found: the hosts, the implicit MX, a null MX, no domain, a DNS failure.
/// </param>
/// <param name="Hosts">One entry per MX host probed, by preference and then by name.</param>
/// <param name="Omitted">How many MX hosts past <see cref="MxCheck.MaxHosts"/> were left unprobed.</param>
internal sealed record MxCheckResult(MxLookupResult Lookup, IReadOnlyList<MxHostCheck> Hosts, int Omitted)
{
    /// <summary>Gets the name of the lookup's outcome as the JSON output writes it.</summary>
    public string OutcomeName => Lookup.Outcome switch
    {
        MxLookupOutcome.Found => "found",
        MxLookupOutcome.NoDomain => "no-domain",
        MxLookupOutcome.NullMx => "null-mx",
        _ => "dns-failure",
    };

    /// <summary>
    /// Gets a value indicating whether the domain has no MX record, so that the domain itself was probed.
    /// </summary>
    public bool IsImplicit => Lookup.Hosts is [{ IsImplicit: true }];
}
