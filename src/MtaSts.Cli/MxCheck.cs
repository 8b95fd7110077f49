using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MtaSts.Client.Decision;
using MtaSts.Client.Discovery;
using MtaSts.Client.MailKit;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;

namespace MtaSts.Cli;

/// <summary>
/// Probes the MX hosts of the checked domain as a sender would see them: looks them up, connects to
/// each at an address from the same DNS client, says EHLO, starts TLS, and decides on what it saw
/// under the policy that applies.
/// </summary>
internal static class MxCheck
{
    /// <summary>The most MX hosts probed; a domain may publish hundreds, and each costs a connection.</summary>
    public const int MaxHosts = 20;

    // A few at a time: enough that one slow host does not hold up the rest, few enough to stay polite.
    private const int MaxConcurrentProbes = 4;

    /// <summary>Looks up and probes the MX hosts of <see cref="CheckSettings.Domain"/>.</summary>
    /// <param name="dns">
    /// The DNS client of the whole check: the MX records and the hosts' addresses come from it too.
    /// </param>
    /// <param name="resolution">The policy that applies, if any.</param>
    /// <param name="settings">The domain, port, trust roots and the deadline of each connection.</param>
    /// <param name="progress">Told how far the probe has come.</param>
    /// <param name="cancellationToken">Stops the check (Ctrl+C).</param>
    /// <returns>The lookup and one entry per host probed, by preference.</returns>
    public static async Task<MxCheckResult> RunAsync(
        MtaStsDnsClient dns,
        PolicyResolution resolution,
        CheckSettings settings,
        ProbeProgress progress,
        CancellationToken cancellationToken)
    {
        progress.LookingUp(settings.Domain.Name);
        MxLookupResult lookup = await dns.ResolveMxAsync(settings.Domain.Name, cancellationToken)
            .ConfigureAwait(false);

        // Hosts of equal preference come in random order (RFC 5321 §5.1); a report is easier to compare by name.
        MxHostRecord[] hosts = lookup.Hosts
            .OrderBy(host => host.Preference)
            .ThenBy(host => host.Host, StringComparer.Ordinal)
            .ToArray();
        MxHostRecord[] probed = hosts.Take(MaxHosts).ToArray();

        var probe = new MxProbe(
            dns, new MxProbeOptions { ConnectTimeout = settings.Timeout, Timeout = settings.Timeout });
        MxChecker checker = settings.CreateMxChecker();
        var checks = new MxHostCheck[probed.Length];
        progress.Probing(probed.Length);
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = MaxConcurrentProbes,
            CancellationToken = cancellationToken,
        };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, probed.Length), parallel, async (index, token) =>
            {
                checks[index] = await CheckHostAsync(probe, checker, resolution, probed[index], settings, token)
                    .ConfigureAwait(false);
                progress.HostDone();
            }).ConfigureAwait(false);
        }
        finally
        {
            progress.Clear();
        }

        return new MxCheckResult(lookup, checks, hosts.Length - probed.Length);
    }

    private static async Task<MxHostCheck> CheckHostAsync(
        MxProbe probe,
        MxChecker checker,
        PolicyResolution resolution,
        MxHostRecord host,
        CheckSettings settings,
        CancellationToken cancellationToken)
    {
        bool? matches = resolution.Policy is { Mode: not PolicyMode.None } policy
            ? policy.Matches(host.Host)
            : null;

        // --timeout bounds each connection as a whole: the addresses, TCP, the greeting, EHLO and TLS.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Timeout);
        MxProbeResult result;
        try
        {
            result = await probe.ProbeAsync(host.Host, settings.SmtpPort, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException
            && !cancellationToken.IsCancellationRequested)
        {
            string seconds = settings.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return new MxHostCheck(host, matches, null, null,
                $"No SMTP session with {host.Host} came as far as TLS within {seconds} s.");
        }

        // No decision: unreachable, or a session that broke before TLS, as a sender treats it.
        if (result.CheckMx(checker, resolution) is not { } decision)
        {
            string problem = result.Error ?? $"{host.Host} could not be reached.";
            return new MxHostCheck(host, matches, result, null, problem);
        }

        return new MxHostCheck(host, matches, result, decision, null);
    }
}
