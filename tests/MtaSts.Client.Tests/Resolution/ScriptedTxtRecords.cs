using System.Threading;
using DnsClient;
using DnsClient.Protocol;
using MtaSts.Client.Tests.Discovery;
using Moq;

namespace MtaSts.Client.Tests.Resolution;

/// <summary>
/// Stands in for DNS behind the DnsClient seam: the <c>_mta-sts</c> TXT answer is whatever the test
/// set last, and queries are counted.
/// </summary>
internal sealed class ScriptedTxtRecords
{
    private IDnsQueryResponse _answer = FakeDnsResponse.Error(DnsHeaderResponseCode.NotExistentDomain);
    private int _queries;

    public ScriptedTxtRecords()
    {
        // Every other name has no record, which is what a subdomain or parent query must find.
        Lookup = new Mock<ILookupClient>(MockBehavior.Strict);
        Lookup.Setup(c => c.QueryAsync(It.IsAny<string>(), QueryType.TXT, QueryClass.IN, It.IsAny<CancellationToken>()))
            .ReturnsAsync((string name, QueryType _, QueryClass _, CancellationToken _) =>
            {
                if (name != RecordName)
                {
                    return FakeDnsResponse.Error(DnsHeaderResponseCode.NotExistentDomain);
                }

                Interlocked.Increment(ref _queries);
                return _answer;
            });
    }

    public Mock<ILookupClient> Lookup { get; }

    public int Queries => Volatile.Read(ref _queries);

    public string RecordName { get; } = "_mta-sts.example.com";

    /// <summary>Publishes <c>v=STSv1; id=…</c>, by default with a five-minute TTL.</summary>
    public void Publish(string id, int ttl = 300) =>
        _answer = FakeDnsResponse.Answer(FakeDnsResponse.Txt(RecordName, ttl, $"v=STSv1; id={id};"));

    public void PublishRaw(params string[] records) =>
        _answer = FakeDnsResponse.Answer(FakeDnsResponse.TxtRecords(RecordName, records));

    public void Fail(DnsHeaderResponseCode code) => _answer = FakeDnsResponse.Error(code);

    public void Remove() => Fail(DnsHeaderResponseCode.NotExistentDomain);
}
