using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DnsClient.Protocol;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Reporting;

/// <summary>
/// Finds where a domain's TLS reports go: its <c>_smtp._tls</c> TXT record (RFC 8460 §3), looked up
/// through <see cref="MtaStsDnsClient"/>, so CNAMEs are followed and a temporary DNS failure is an
/// outcome of its own. Never throws for DNS trouble.
/// </summary>
/// <remarks>Safe for concurrent use.</remarks>
public sealed class TlsRptDiscovery
{
    private const string RecordPrefix = "_smtp._tls.";

    private readonly MtaStsDnsClient _dns;

    /// <summary>Initializes a new instance of the <see cref="TlsRptDiscovery"/> class.</summary>
    /// <param name="dns">The DNS client every lookup goes through.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dns"/> is null.</exception>
    public TlsRptDiscovery(MtaStsDnsClient dns)
    {
        ArgumentNullException.ThrowIfNull(dns);

        _dns = dns;
    }

    /// <summary>Gets the name of the TLSRPT record of a domain: <c>_smtp._tls.</c> and the domain.</summary>
    /// <param name="domain">The Policy Domain.</param>
    /// <returns>The record name, for example <c>_smtp._tls.example.com</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="domain"/> is null.</exception>
    public static string RecordName(PolicyDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);

        return RecordPrefix + domain.Name;
    }

    /// <summary>Looks up and reads the <c>_smtp._tls</c> TXT record of a domain.</summary>
    /// <param name="domain">
    /// The Policy Domain of the report: the recipient domain for <c>sts</c> and
    /// <c>no-policy-found</c> results, the TLSA base domain for <c>tlsa</c> results.
    /// </param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The record, or why there is none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="domain"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public async Task<TlsRptDiscoveryResult> DiscoverAsync(PolicyDomain domain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domain);

        string name = RecordName(domain);
        DnsAnswer answer = await _dns.QueryTxtAsync(name, cancellationToken).ConfigureAwait(false);
        switch (answer.Kind)
        {
            case DnsAnswerKind.Failure:
                return new TlsRptDiscoveryResult(domain, TlsRptDiscoveryOutcome.DnsFailure, null, answer.Reason);

            case DnsAnswerKind.NonExistentDomain:
            case DnsAnswerKind.NoData:
                return new TlsRptDiscoveryResult(domain, TlsRptDiscoveryOutcome.NotFound, null, answer.Reason);
        }

        // RFC 8460 §3: the character-strings of one record are joined with nothing between them.
        IEnumerable<IEnumerable<string>> records = answer.Records.OfType<TxtRecord>().Select(record => record.Text);
        TlsRptRecordParseResult parsed = TlsRptRecordParser.Select(records);
        return parsed.Outcome switch
        {
            TlsRptRecordOutcome.Found => new TlsRptDiscoveryResult(domain, TlsRptDiscoveryOutcome.Found, parsed.Record,
                $"{name} has one TLSRPT record with {parsed.Record!.Destinations.Count} destination(s).",
                parsed.Diagnostics),
            TlsRptRecordOutcome.Multiple => new TlsRptDiscoveryResult(domain, TlsRptDiscoveryOutcome.Multiple, null,
                $"{name} has several records beginning with 'v=TLSRPTv1;', so none is used.", parsed.Diagnostics),
            TlsRptRecordOutcome.Invalid => new TlsRptDiscoveryResult(domain, TlsRptDiscoveryOutcome.Invalid, null,
                $"The TLSRPT record at {name} is not usable.", parsed.Diagnostics),
            _ => new TlsRptDiscoveryResult(domain, TlsRptDiscoveryOutcome.NotFound, null,
                $"No TXT record at {name} begins with 'v=TLSRPTv1;' ({answer.Records.Count} other TXT).",
                parsed.Diagnostics),
        };
    }
}
