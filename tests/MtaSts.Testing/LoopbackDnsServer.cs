using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;

namespace MtaSts.Testing;

/// <summary>
/// A DNS server on 127.0.0.1 (UDP and TCP, one free port) that answers like a recursive resolver
/// from a zone the tests fill in: it follows CNAMEs within the zone, answers NXDOMAIN for names it
/// has nothing for, and records every question it is asked.
/// </summary>
public sealed class LoopbackDnsServer : IDisposable
{
    private const int PortAttempts = 20;

    private readonly object _gate = new();
    private readonly List<ZoneRecord> _records = new();
    private readonly Dictionary<string, ReturnCode> _responseCodes = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _queries = new();
    private readonly List<TransportProtocol> _transports = new();
    private readonly DnsServer _server;

    private LoopbackDnsServer(IPEndPoint endPoint)
    {
        EndPoint = endPoint;
        _server = new DnsServer(new UdpServerTransport(endPoint), new TcpServerTransport(endPoint));
        _server.QueryReceived += OnQueryReceived;
        _server.Start();
    }

    /// <summary>Gets where the server listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Gets every question asked so far, as <c>name TYPE</c> without the root dot, in order.</summary>
    public IReadOnlyList<string> Queries
    {
        get
        {
            lock (_gate)
            {
                return _queries.ToArray();
            }
        }
    }

    /// <summary>Gets the transports the questions came over, in order.</summary>
    public IReadOnlyList<TransportProtocol> Transports
    {
        get
        {
            lock (_gate)
            {
                return _transports.ToArray();
            }
        }
    }

    public static LoopbackDnsServer Start()
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                // The TCP side of a port free for UDP can be taken, for example by a client socket of
                // a test running beside this one; that is retried like a lost race.
                return new LoopbackDnsServer(new IPEndPoint(IPAddress.Loopback, FindFreePort()));
            }
            catch (SocketException) when (attempt < PortAttempts)
            {
                // The port is taken for TCP, or another process took it between the probe and the bind.
            }
        }
    }

    /// <summary>Forgets the zone and the questions.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _records.Clear();
            _responseCodes.Clear();
            _queries.Clear();
            _transports.Clear();
        }
    }

    /// <summary>Adds one TXT record made of the character-strings given.</summary>
    public void AddTxt(string name, params string[] strings) => AddTxt(name, 300, strings);

    public void AddTxt(string name, int ttl, params string[] strings) =>
        Add(new TxtRecord(DomainName.Parse(name), ttl, strings));

    public void AddCname(string name, string target, int ttl = 300) =>
        Add(new CNameRecord(DomainName.Parse(name), ttl, DomainName.Parse(target)));

    public void AddAddress(string name, string address, int ttl = 300)
    {
        IPAddress ip = IPAddress.Parse(address);
        Add(ip.AddressFamily == AddressFamily.InterNetworkV6
            ? new AaaaRecord(DomainName.Parse(name), ttl, ip)
            : new ARecord(DomainName.Parse(name), ttl, ip));
    }

    /// <summary>Adds one MX record; an empty <paramref name="exchange"/> makes it a null MX (RFC 7505).</summary>
    public void AddMx(string name, int preference, string exchange, int ttl = 300) =>
        Add(new MxRecord(DomainName.Parse(name), ttl, (ushort)preference,
            exchange.Length == 0 ? DomainName.Root : DomainName.Parse(exchange)));

    /// <summary>Makes every question for <paramref name="name"/> get <paramref name="code"/> and no records.</summary>
    public void SetResponseCode(string name, ReturnCode code)
    {
        lock (_gate)
        {
            _responseCodes[name] = code;
        }
    }

    /// <summary>Replaces every TXT record at <paramref name="name"/>.</summary>
    public void ReplaceTxt(string name, int ttl, params string[] strings)
    {
        lock (_gate)
        {
            string owner = Owner(name);
            _records.RemoveAll(entry => entry.Record is TxtRecord
                && string.Equals(entry.Owner, owner, StringComparison.OrdinalIgnoreCase));
        }

        AddTxt(name, ttl, strings);
    }

    public void Dispose() => _server.Stop();

    private static int FindFreePort()
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
        using var tcp = new TcpListener(IPAddress.Loopback, port);
        tcp.Start();
        tcp.Stop();
        return port;
    }

    private static string Owner(string name) => name.TrimEnd('.');

    private void Add(DnsRecordBase record)
    {
        lock (_gate)
        {
            _records.Add(new ZoneRecord(Owner(record.Name.ToString()), record));
        }
    }

    private Task OnQueryReceived(object sender, QueryReceivedEventArgs e)
    {
        if (e.Query is not DnsMessage query || query.Questions.Count != 1)
        {
            return Task.CompletedTask;
        }

        DnsQuestion question = query.Questions[0];
        DnsMessage response = query.CreateResponseInstance();
        string name = question.Name.ToString().TrimEnd('.');
        lock (_gate)
        {
            _queries.Add($"{name} {question.RecordType.ToString().ToUpperInvariant()}");
            _transports.Add(e.TransportProtocol);
            Answer(question, name, response);
        }

        e.Response = response;
        return Task.CompletedTask;
    }

    private void Answer(DnsQuestion question, string name, DnsMessage response)
    {
        response.IsRecursionAllowed = true;
        if (_responseCodes.TryGetValue(name, out ReturnCode code))
        {
            response.ReturnCode = code;
            return;
        }

        // Like a resolver: walk the CNAMEs in the zone and stop at records of the type asked for.
        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string owner = name;
        while (visited.Add(owner))
        {
            List<DnsRecordBase> atOwner = _records
                .Where(entry => string.Equals(entry.Owner, owner, StringComparison.OrdinalIgnoreCase))
                .Select(entry => entry.Record)
                .ToList();
            List<DnsRecordBase> wanted = atOwner.Where(record => record.RecordType == question.RecordType).ToList();
            if (wanted.Count > 0)
            {
                response.AnswerRecords.AddRange(wanted);
                return;
            }

            if (atOwner.OfType<CNameRecord>().FirstOrDefault() is not CNameRecord alias)
            {
                if (atOwner.Count == 0 && response.AnswerRecords.Count == 0)
                {
                    response.ReturnCode = ReturnCode.NxDomain;
                }

                return;
            }

            response.AnswerRecords.Add(alias);
            owner = alias.CanonicalName.ToString().TrimEnd('.');
        }
    }

    /// <summary>A record of the zone with its owner name as the questions are compared with it.</summary>
    private readonly record struct ZoneRecord(string Owner, DnsRecordBase Record);
}
