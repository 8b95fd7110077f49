using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DnsClient;
using DnsClient.Protocol;

namespace MtaSts.Client.Discovery;

/// <summary>
/// One DNS query and what it came to: the records at the end of the CNAME chain, or why there are
/// none. Every failure is a value here, so callers decide what it means.
/// </summary>
internal sealed class DnsAnswer
{
    // A name in presentation form without the root dot: 253 characters make the 255 octets of RFC 1035 §2.3.4.
    private const int MaxNameLength = 253;
    private const int MaxLabelLength = 63;

    private DnsAnswer(
        DnsAnswerKind kind,
        IReadOnlyList<DnsResourceRecord> records,
        TimeSpan timeToLive,
        string reason,
        bool noServerAnswered = false)
    {
        Kind = kind;
        Records = records;
        TimeToLive = timeToLive;
        Reason = reason;
        NoServerAnswered = noServerAnswered;
    }

    public DnsAnswerKind Kind { get; }

    /// <summary>
    /// Gets a value indicating whether no server gave a usable answer at all: a time-out, a network
    /// error, or replies DnsClient could not read.
    /// </summary>
    public bool NoServerAnswered { get; }

    /// <summary>Gets the records of the type asked for, owned by the last name of the CNAME chain.</summary>
    public IReadOnlyList<DnsResourceRecord> Records { get; }

    /// <summary>Gets the lowest TTL among <see cref="Records"/> and the CNAMEs that led to them.</summary>
    public TimeSpan TimeToLive { get; }

    /// <summary>Gets a sentence saying what the query came to.</summary>
    public string Reason { get; }

    public static async Task<DnsAnswer> QueryAsync(
        ILookupClient lookupClient,
        string name,
        QueryType type,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        if (!CanExist(name))
        {
            return Empty(DnsAnswerKind.NonExistentDomain, $"'{name}' is not a name that can exist in DNS.");
        }

        IDnsQueryResponse response;
        try
        {
            response = await lookupClient.QueryAsync(name, type, QueryClass.IN, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // DnsClient reports a canceled query as a DnsResponseException; the caller gets what it asked for.
            cancellationToken.ThrowIfCancellationRequested();
            return FromException(exception, name, type);
        }

        if (response.HasError)
        {
            DnsHeaderResponseCode code = response.Header.ResponseCode;
            if (code == DnsHeaderResponseCode.NotExistentDomain)
            {
                return Empty(DnsAnswerKind.NonExistentDomain, $"{name} does not exist (NXDOMAIN).");
            }

            string server = response.NameServer?.ToString() ?? "(unknown)";
            return Empty(DnsAnswerKind.Failure,
                $"The DNS server {server} answered {Mnemonic(code)} to the {type} query for {name}.");
        }

        return FollowChain(name, type, response.Answers);
    }

    private static DnsAnswer FromException(Exception exception, string name, QueryType type)
    {
        if (exception is DnsResponseException { Code: DnsResponseCode.NotExistentDomain })
        {
            // Only a client set to throw on DNS errors gets here; NXDOMAIN is still an answer.
            return Empty(DnsAnswerKind.NonExistentDomain, $"{name} does not exist (NXDOMAIN).");
        }

        string what = exception is DnsResponseException { Code: DnsResponseCode.ConnectionTimeout }
            ? "got no answer in time"
            : "failed";
        return new DnsAnswer(DnsAnswerKind.Failure, Array.Empty<DnsResourceRecord>(), TimeSpan.Zero,
            $"The {type} query for {name} {what}: {exception.Message}", noServerAnswered: true);
    }

    /// <summary>
    /// Walks the CNAMEs in the answer from the name asked for (RFC 8461 §3.1 requires following
    /// them) and takes the records of the type asked for at the end. Records elsewhere in the answer
    /// do not answer the question and are ignored.
    /// </summary>
    /// <remarks>
    /// Names are compared as they came over the wire (<see cref="DnsString.Original"/>): DnsClient
    /// turns A-labels into U-labels in <see cref="DnsString.Value"/>, and the name asked for is
    /// always in A-labels.
    /// </remarks>
    private static DnsAnswer FollowChain(string name, QueryType type, IReadOnlyList<DnsResourceRecord> answers)
    {
        var recordType = (ResourceRecordType)(int)type;
        string owner = Normalize(name);
        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { owner };
        int lowestTtl = int.MaxValue;

        while (true)
        {
            List<DnsResourceRecord>? records = null;
            CNameRecord? alias = null;
            foreach (DnsResourceRecord answer in answers)
            {
                if (!string.Equals(Normalize(answer.DomainName.Original), owner, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (answer.RecordType == recordType)
                {
                    (records ??= new List<DnsResourceRecord>()).Add(answer);
                }
                else if (answer is CNameRecord cname)
                {
                    alias ??= cname;
                }
            }

            if (records is not null)
            {
                foreach (DnsResourceRecord record in records)
                {
                    lowestTtl = Math.Min(lowestTtl, record.TimeToLive);
                }

                return new DnsAnswer(DnsAnswerKind.Records, records, TimeSpan.FromSeconds(Math.Max(0, lowestTtl)),
                    $"{records.Count} {type} record(s) for {name}.");
            }

            if (alias is null)
            {
                string where = string.Equals(owner, Normalize(name), StringComparison.OrdinalIgnoreCase)
                    ? name
                    : $"{name} (an alias of {owner})";
                return Empty(DnsAnswerKind.NoData, $"{where} has no {type} record (NODATA).");
            }

            lowestTtl = Math.Min(lowestTtl, alias.TimeToLive);
            owner = Normalize(alias.CanonicalName.Original);
            if (!visited.Add(owner))
            {
                return Empty(DnsAnswerKind.NoData,
                    $"The CNAMEs from {name} loop back to {owner}, so it has no {type} record.");
            }
        }
    }

    private static bool CanExist(string name)
    {
        ReadOnlySpan<char> rest = name.AsSpan();
        if (rest.EndsWith("."))
        {
            rest = rest[..^1];
        }

        if (rest.IsEmpty || rest.Length > MaxNameLength || rest.EndsWith("."))
        {
            return false;
        }

        while (!rest.IsEmpty)
        {
            int dot = rest.IndexOf('.');
            int length = dot < 0 ? rest.Length : dot;
            if (length == 0 || length > MaxLabelLength)
            {
                return false;
            }

            rest = dot < 0 ? ReadOnlySpan<char>.Empty : rest[(dot + 1)..];
        }

        return true;
    }

    private static string Normalize(string name) => name.EndsWith('.') ? name[..^1] : name;

    private static string Mnemonic(DnsHeaderResponseCode code) => code switch
    {
        DnsHeaderResponseCode.FormatError => "FORMERR",
        DnsHeaderResponseCode.ServerFailure => "SERVFAIL",
        DnsHeaderResponseCode.NotImplemented => "NOTIMP",
        DnsHeaderResponseCode.Refused => "REFUSED",
        DnsHeaderResponseCode.NotAuthorized => "NOTAUTH",
        _ => "response code " + (int)code,
    };

    private static DnsAnswer Empty(DnsAnswerKind kind, string reason) =>
        new(kind, Array.Empty<DnsResourceRecord>(), TimeSpan.Zero, reason);
}
