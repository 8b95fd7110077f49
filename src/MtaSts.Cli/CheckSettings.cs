using System;
using System.Collections.Generic;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MtaSts.Client.Decision;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;

namespace MtaSts.Cli;

/// <summary>What <c>mtasts check</c> was asked to do, and the library options that follow from it.</summary>
/// <param name="Domain">The Policy Domain to check.</param>
/// <param name="DnsServers">The DNS servers to ask; empty for the operating system's resolvers.</param>
/// <param name="TrustRoots">The only roots a Policy Host may chain to; empty for the system's.</param>
/// <param name="AllowPrivateAddresses">Whether the Policy Host may be at a non-global address.</param>
/// <param name="Timeout">The one deadline for everything the check asks the network.</param>
/// <param name="PolicyPort">The port to fetch the policy from in place of 443, for test Policy Hosts.</param>
/// <param name="SmtpPort">The port the MX hosts are probed on: 25, or a test server's.</param>
internal sealed record CheckSettings(
    PolicyDomain Domain,
    IReadOnlyList<IPEndPoint> DnsServers,
    X509Certificate2Collection TrustRoots,
    bool AllowPrivateAddresses,
    TimeSpan Timeout,
    int? PolicyPort,
    int SmtpPort = CheckSettings.DefaultSmtpPort)
{
    /// <summary>The port of SMTP between MTAs (RFC 5321 §4.5.4.2), where the MX hosts are probed.</summary>
    public const int DefaultSmtpPort = 25;

    /// <summary>The deadline when <c>--timeout</c> is not given (project decision 17).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Makes the DNS options. Each query to each server gets an equal share of the deadline, never
    /// more than the library's per-query default, so that every server is tried, and tried again,
    /// before the deadline ends the check.
    /// </summary>
    /// <returns>The options, with no response cache: one check asks each name once.</returns>
    public MtaStsDnsOptions CreateDnsOptions()
    {
        var options = new MtaStsDnsOptions { MaximumCacheTime = TimeSpan.Zero };
        foreach (IPEndPoint server in DnsServers)
        {
            options.Servers.Add(server);
        }

        int tries = Math.Max(1, DnsServers.Count) * (options.Retries + 1);
        TimeSpan share = Timeout / tries;
        options.Timeout = share < options.Timeout ? share : options.Timeout;
        return options;
    }

    /// <summary>Makes the fetch options: the whole deadline, the trust roots and the address guard.</summary>
    /// <returns>The options.</returns>
    public PolicyFetchOptions CreateFetchOptions()
    {
        var options = new PolicyFetchOptions
        {
            Timeout = Timeout,
            AllowPrivateAddresses = AllowPrivateAddresses,
            ConnectPort = PolicyPort,
        };
        options.TrustRoots.AddRange(TrustRoots);
        return options;
    }

    /// <summary>
    /// Makes the checker of the MX hosts' certificates: it trusts the same roots as the Policy Host,
    /// the <c>--trust-root</c> files when given and the platform's trust store otherwise.
    /// </summary>
    /// <returns>The checker, offline as a sender's is by default.</returns>
    public MxChecker CreateMxChecker()
    {
        var options = new MxCertificateOptions();
        options.TrustRoots.AddRange(TrustRoots);
        return new MxChecker(options);
    }

    /// <summary>Makes the resolver options: one discovery, DNS and HTTPS, within the deadline.</summary>
    /// <returns>The options.</returns>
    public PolicyResolverOptions CreateResolverOptions() => new() { DiscoveryTimeout = Timeout };
}
