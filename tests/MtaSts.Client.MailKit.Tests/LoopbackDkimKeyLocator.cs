using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DnsClient;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace MtaSts.Client.MailKit.Tests;

/// <summary>
/// Finds DKIM public keys the way a report receiver does, in DNS at <c>selector._domainkey.domain</c>,
/// asking the loopback DNS server; MimeKit parses the record.
/// </summary>
internal sealed class LoopbackDkimKeyLocator : DkimPublicKeyLocatorBase
{
    private readonly LookupClient _lookup;

    public LoopbackDkimKeyLocator(IPEndPoint server)
    {
        _lookup = new LookupClient(new LookupClientOptions(server) { UseCache = false, Retries = 0 });
    }

    /// <summary>Gets the names asked for, in order.</summary>
    public ConcurrentQueue<string> Asked { get; } = new();

    public override AsymmetricKeyParameter LocatePublicKey(
        string methods,
        string domain,
        string selector,
        CancellationToken cancellationToken = default) =>
        LocatePublicKeyAsync(methods, domain, selector, cancellationToken).GetAwaiter().GetResult();

    public override async Task<AsymmetricKeyParameter> LocatePublicKeyAsync(
        string methods,
        string domain,
        string selector,
        CancellationToken cancellationToken = default)
    {
        string name = $"{selector}._domainkey.{domain}";
        Asked.Enqueue(name);
        IDnsQueryResponse response =
            await _lookup.QueryAsync(name, QueryType.TXT, cancellationToken: cancellationToken);
        string record = string.Concat(response.Answers.TxtRecords().First().Text);
        return GetPublicKey(record);
    }
}
