using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DnsClient;
using DnsClient.Protocol;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Discovery;

/// <summary>
/// The DNS side of MTA-STS: finds a Policy Domain's <c>_mta-sts</c> TXT record (RFC 8461 §3.1),
/// the MX hosts of a domain, and the addresses of hosts such as the Policy Host. Every DNS lookup
/// of the library goes through it. Lookups never throw for DNS trouble: a temporary failure is an
/// outcome of its own.
/// </summary>
/// <remarks>Safe for concurrent use; create one and share it.</remarks>
public sealed class MtaStsDnsClient : IHostAddressResolver
{
    private readonly ILookupClient _lookupClient;

    /// <summary>
    /// Initializes a new instance of the <see cref="MtaStsDnsClient"/> class that asks the
    /// operating system's resolvers with the default <see cref="MtaStsDnsOptions"/>.
    /// </summary>
    public MtaStsDnsClient()
        : this(new MtaStsDnsOptions())
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MtaStsDnsClient"/> class.</summary>
    /// <param name="options">The servers, timeout, retries and cache limit; read once, here.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="options"/> is invalid; see <see cref="MtaStsDnsOptions.Validate"/>.
    /// </exception>
    public MtaStsDnsClient(MtaStsDnsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        _lookupClient = new LookupClient(CreateLookupClientOptions(options));
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="MtaStsDnsClient"/> class over a DnsClient lookup client.
    /// </summary>
    /// <param name="lookupClient">
    /// The client to query with, used as it is configured: its servers, timeouts and response cache.
    /// Its cache should keep no minimum TTL (<c>MinimumCacheTimeout</c>), or a changed policy
    /// <c>id</c> can stay hidden longer than the record's TTL.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="lookupClient"/> is null.</exception>
    public MtaStsDnsClient(ILookupClient lookupClient)
    {
        ArgumentNullException.ThrowIfNull(lookupClient);

        _lookupClient = lookupClient;
    }

    /// <summary>Looks up and reads the <c>_mta-sts</c> TXT record of a Policy Domain.</summary>
    /// <param name="domain">
    /// The Policy Domain; its <see cref="PolicyDomain.RecordName"/> is queried, and no other name.
    /// </param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>
    /// The outcome: the record found with its TTL, no record (NXDOMAIN, NODATA, or no TXT record
    /// beginning with <c>v=STSv1;</c>), several records, an invalid record, or a temporary DNS failure.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="domain"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public async Task<RecordDiscoveryResult> DiscoverRecordAsync(
        PolicyDomain domain,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domain);

        DnsAnswer answer = await DnsAnswer
            .QueryAsync(_lookupClient, domain.RecordName, QueryType.TXT, cancellationToken)
            .ConfigureAwait(false);
        switch (answer.Kind)
        {
            case DnsAnswerKind.Failure:
                return RecordDiscoveryResult.NotUsable(domain, RecordDiscoveryOutcome.DnsFailure, answer.Reason,
                    noServerAnswered: answer.NoServerAnswered);

            case DnsAnswerKind.NonExistentDomain:
            case DnsAnswerKind.NoData:
                return RecordDiscoveryResult.NotUsable(domain, RecordDiscoveryOutcome.NotFound, answer.Reason);
        }

        // RFC 8461 §3.1: the character-strings of one record are joined with nothing between them.
        IEnumerable<IEnumerable<string>> records = answer.Records.OfType<TxtRecord>().Select(record => record.Text);
        RecordParseResult parsed = RecordParser.Select(records);
        return parsed.Outcome switch
        {
            RecordOutcome.Found => RecordDiscoveryResult.Found(
                domain, parsed.Record!, answer.TimeToLive, parsed.Diagnostics),
            RecordOutcome.Multiple => RecordDiscoveryResult.NotUsable(domain, RecordDiscoveryOutcome.Multiple,
                $"{domain.RecordName} has several records beginning with 'v=STSv1;', so none is used.",
                parsed.Diagnostics),
            RecordOutcome.Invalid => RecordDiscoveryResult.NotUsable(domain, RecordDiscoveryOutcome.Invalid,
                $"The MTA-STS record at {domain.RecordName} is invalid.", parsed.Diagnostics),
            _ => RecordDiscoveryResult.NotUsable(domain, RecordDiscoveryOutcome.NotFound,
                $"No TXT record at {domain.RecordName} begins with 'v=STSv1;' ({answer.Records.Count} other TXT).",
                parsed.Diagnostics),
        };
    }

    /// <summary>
    /// Asks for the TXT records at any name, with the CNAME, NXDOMAIN and temporary-failure handling
    /// of every lookup here; the TLSRPT record at <c>_smtp._tls</c> is found this way.
    /// </summary>
    internal Task<DnsAnswer> QueryTxtAsync(string name, CancellationToken cancellationToken) =>
        DnsAnswer.QueryAsync(_lookupClient, name, QueryType.TXT, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// Both queries are sent at once. When one of them fails but the other gives addresses, those
    /// addresses are returned: a broken AAAA answer must not stop a host reachable over IPv4.
    /// </remarks>
    public async Task<IReadOnlyList<IPAddress>> ResolveAddressesAsync(
        string hostName,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostName);

        Task<DnsAnswer> ipv6 = DnsAnswer.QueryAsync(_lookupClient, hostName, QueryType.AAAA, cancellationToken);
        Task<DnsAnswer> ipv4 = DnsAnswer.QueryAsync(_lookupClient, hostName, QueryType.A, cancellationToken);
        DnsAnswer[] answers = await Task.WhenAll(ipv6, ipv4).ConfigureAwait(false);

        var addresses = new List<IPAddress>();
        foreach (DnsAnswer answer in answers)
        {
            addresses.AddRange(answer.Records.OfType<AddressRecord>().Select(record => record.Address));
        }

        bool nameMissing = answers.Any(answer => answer.Kind == DnsAnswerKind.NonExistentDomain);
        DnsAnswer? failure = answers.FirstOrDefault(answer => answer.Kind == DnsAnswerKind.Failure);
        if (addresses.Count == 0 && !nameMissing && failure is not null)
        {
            throw new DnsResolutionException(hostName, failure.Reason);
        }

        return addresses;
    }

    /// <summary>Looks up the MX hosts of a domain, in the order a sender tries them (RFC 5321 §5.1).</summary>
    /// <param name="domain">The domain, ASCII, such as the recipient domain.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>
    /// The MX hosts by preference; the domain itself when it has no MX record (RFC 5321 §5.1); or no
    /// domain, a null MX (RFC 7505), or a temporary DNS failure.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="domain"/> is null or white space.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public async Task<MxLookupResult> ResolveMxAsync(string domain, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);

        string name = domain.TrimEnd('.');
        DnsAnswer answer = await DnsAnswer.QueryAsync(_lookupClient, name, QueryType.MX, cancellationToken)
            .ConfigureAwait(false);
        switch (answer.Kind)
        {
            case DnsAnswerKind.Failure:
                return MxLookupResult.None(name, MxLookupOutcome.DnsFailure, answer.Reason);

            case DnsAnswerKind.NonExistentDomain:
                return MxLookupResult.None(name, MxLookupOutcome.NoDomain, answer.Reason);

            case DnsAnswerKind.NoData:
                return MxLookupResult.Found(name, [new MxHostRecord(name, 0, IsImplicit: true)],
                    $"{name} has no MX record, so the domain itself is the MX host.");
        }

        List<MxHostRecord> hosts = answer.Records.OfType<MxRecord>()
            .Select(record => new MxHostRecord(record.Exchange.Value.TrimEnd('.'), record.Preference))
            .ToList();
        if (hosts.Count == 1 && hosts[0].Host.Length == 0)
        {
            return MxLookupResult.None(name, MxLookupOutcome.NullMx, $"{name} publishes a null MX: it accepts no mail.");
        }

        // RFC 5321 §5.1: hosts of equal preference are tried in random order to spread the load.
        hosts.RemoveAll(host => host.Host.Length == 0);
        MxHostRecord[] ordered = hosts.OrderBy(host => host.Preference).ThenBy(_ => Random.Shared.Next()).ToArray();
        string count = ordered.Length == 1 ? "one MX host" : $"{ordered.Length} MX hosts";
        return MxLookupResult.Found(name, ordered, $"{name} has {count}.");
    }

    internal static LookupClientOptions CreateLookupClientOptions(MtaStsDnsOptions options)
    {
        LookupClientOptions lookupOptions = options.Servers.Count == 0
            ? new LookupClientOptions()
            : new LookupClientOptions(options.Servers.ToArray());

        lookupOptions.Timeout = options.Timeout;
        lookupOptions.Retries = options.Retries;
        lookupOptions.ThrowDnsErrors = false;
        lookupOptions.UseTcpFallback = true;

        // SERVFAIL or REFUSED from one resolver sends the query on to the next. DnsClient cannot
        // tell NXDOMAIN apart here, so NXDOMAIN is asked again too; an empty answer is not.
        lookupOptions.ContinueOnDnsError = true;
        lookupOptions.ContinueOnEmptyResponse = false;

        // See MtaStsDnsOptions.MaximumCacheTime: never longer than the TTL, never a failure.
        lookupOptions.UseCache = options.MaximumCacheTime > TimeSpan.Zero;
        lookupOptions.MinimumCacheTimeout = null;
        lookupOptions.MaximumCacheTimeout = lookupOptions.UseCache ? options.MaximumCacheTime : null;
        lookupOptions.CacheFailedResults = false;
        return lookupOptions;
    }
}
