using System;
using MtaSts.Client.Decision;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;

namespace MtaSts.Cli;

/// <summary>Everything <c>mtasts check</c> found about a domain, as both outputs print it.</summary>
internal sealed class CheckReport
{
    /// <summary>Initializes a new instance of the <see cref="CheckReport"/> class.</summary>
    /// <param name="resolution">What the resolver decided, from an empty cache.</param>
    /// <param name="mx">What probing the MX hosts found; <see langword="null"/> when it was skipped.</param>
    /// <exception cref="ArgumentException">The resolution did not ask DNS.</exception>
    public CheckReport(PolicyResolution resolution, MxCheckResult? mx)
    {
        Resolution = resolution;
        Record = resolution.Record ?? throw new ArgumentException(
            "A resolution from an empty cache always asks DNS.", nameof(resolution));
        Failure = CheckFailure.Find(Record, resolution.FetchFailure);
        Mx = mx;
    }

    /// <summary>Gets the Policy Domain checked.</summary>
    public PolicyDomain Domain => Resolution.Domain;

    /// <summary>Gets what the TXT lookup found.</summary>
    public RecordDiscoveryResult Record { get; }

    /// <summary>Gets the resolver's answer: the policy that applies, if any.</summary>
    public PolicyResolution Resolution { get; }

    /// <summary>Gets what kept the check from a policy, or <see langword="null"/> when nothing did.</summary>
    public CheckFailure? Failure { get; }

    /// <summary>Gets what became of the MX probe.</summary>
    public MxProbeStatus Probe => Mx is null ? MxProbeStatus.Skipped : MxProbeStatus.Probed;

    /// <summary>
    /// Gets the MX hosts and what probing them found; <see langword="null"/> with <c>--no-probe</c>.
    /// </summary>
    public MxCheckResult? Mx { get; }

    /// <summary>
    /// Gets a value indicating whether no DNS server answered the TXT query, so that the check
    /// learnt nothing about the domain and its verdict would be meaningless.
    /// </summary>
    public bool NoServerAnswered => Record.NoServerAnswered;

    /// <summary>Gets the name of a record outcome as the JSON output writes it.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns><c>found</c>, <c>not-found</c>, <c>multiple</c>, <c>invalid</c>, <c>dns-failure</c>.</returns>
    public static string ToName(RecordDiscoveryOutcome outcome) => outcome switch
    {
        RecordDiscoveryOutcome.Found => "found",
        RecordDiscoveryOutcome.NotFound => "not-found",
        RecordDiscoveryOutcome.Multiple => "multiple",
        RecordDiscoveryOutcome.Invalid => "invalid",
        RecordDiscoveryOutcome.DnsFailure => "dns-failure",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>Gets the name of a policy source as the JSON output writes it.</summary>
    /// <param name="source">The source.</param>
    /// <returns><c>fetched</c>, <c>cache</c>, or <see langword="null"/> when no policy applies.</returns>
    public static string? ToName(PolicySource source) => source switch
    {
        PolicySource.Fetched => "fetched",
        PolicySource.Cache => "cache",
        _ => null,
    };

    /// <summary>Gets the name of a probe status as the JSON output writes it.</summary>
    /// <param name="probe">The status.</param>
    /// <returns><c>skipped</c> or <c>probed</c>.</returns>
    public static string ToName(MxProbeStatus probe) => probe switch
    {
        MxProbeStatus.Skipped => "skipped",
        MxProbeStatus.Probed => "probed",
        _ => throw new ArgumentOutOfRangeException(nameof(probe), probe, null),
    };

    /// <summary>Gets the name of what a sender would do with an MX host, as both outputs write it.</summary>
    /// <param name="host">The probed host.</param>
    /// <returns>
    /// <c>deliver</c>, <c>deliver-and-report</c>, <c>refuse</c>, <c>no-policy</c>, or
    /// <c>unreachable</c> when no session came as far as a decision.
    /// </returns>
    public static string ToDecisionName(MxHostCheck host) => host.Decision?.Verdict switch
    {
        null => "unreachable",
        MxVerdict.Deliver => "deliver",
        MxVerdict.DeliverAndReport => "deliver-and-report",
        MxVerdict.Refuse => "refuse",
        MxVerdict.NoPolicy => "no-policy",
        { } verdict => throw new ArgumentOutOfRangeException(nameof(host), verdict, null),
    };
}
