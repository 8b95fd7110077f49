using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using DnsClient;
using DnsClient.Protocol;

namespace MtaSts.Client.Tests.Discovery;

/// <summary>A DnsClient response built in memory: a response code and the records of the answer section.</summary>
internal sealed class FakeDnsResponse : IDnsQueryResponse
{
    private const ushort ResponseFlag = 0x8000;

    private FakeDnsResponse(DnsHeaderResponseCode code, IReadOnlyList<DnsResourceRecord> answers)
    {
        Answers = answers;
        Header = new DnsResponseHeader(1, (ushort)(ResponseFlag | (ushort)code), 1, answers.Count, 0, 0);
    }

    public IReadOnlyList<DnsQuestion> Questions { get; } = Array.Empty<DnsQuestion>();

    public IReadOnlyList<DnsResourceRecord> Additionals { get; } = Array.Empty<DnsResourceRecord>();

    public IEnumerable<DnsResourceRecord> AllRecords => Answers;

    public string AuditTrail => string.Empty;

    public IReadOnlyList<DnsResourceRecord> Answers { get; }

    public IReadOnlyList<DnsResourceRecord> Authorities { get; } = Array.Empty<DnsResourceRecord>();

    public string ErrorMessage => Header.ResponseCode.ToString();

    public bool HasError => Header.ResponseCode != DnsHeaderResponseCode.NoError;

    public DnsResponseHeader Header { get; }

    public int MessageSize => 512;

    public NameServer NameServer { get; } = new(IPAddress.Parse("192.0.2.53"), 53);

    public DnsQuerySettings Settings { get; } = new(new DnsQueryOptions());

    public static FakeDnsResponse Answer(params DnsResourceRecord[] answers) =>
        new(DnsHeaderResponseCode.NoError, answers);

    public static FakeDnsResponse Error(DnsHeaderResponseCode code) => new(code, Array.Empty<DnsResourceRecord>());

    /// <summary>One TXT record made of the character-strings given.</summary>
    public static TxtRecord Txt(string owner, params string[] strings) => Txt(owner, 300, strings);

    public static TxtRecord Txt(string owner, int ttl, params string[] strings) =>
        new(Info(owner, ResourceRecordType.TXT, ttl), strings, strings);

    public static CNameRecord Cname(string owner, string target, int ttl = 300) =>
        new(Info(owner, ResourceRecordType.CNAME, ttl), DnsString.FromResponseQueryString(target));

    public static DnsResourceRecord Address(string owner, string address, int ttl = 300)
    {
        IPAddress ip = IPAddress.Parse(address);
        return ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? new AaaaRecord(Info(owner, ResourceRecordType.AAAA, ttl), ip)
            : new ARecord(Info(owner, ResourceRecordType.A, ttl), ip);
    }

    /// <summary>Several one-string TXT records at one name.</summary>
    public static DnsResourceRecord[] TxtRecords(string owner, params string[] records) =>
        records.Select(record => (DnsResourceRecord)Txt(owner, record)).ToArray();

    // Names made as DnsClient makes them from a response, A-labels shown as U-labels in Value.
    private static ResourceRecordInfo Info(string owner, ResourceRecordType type, int ttl) =>
        new(DnsString.FromResponseQueryString(owner), type, QueryClass.IN, ttl, 0);
}
