using System;
using System.Diagnostics.Metrics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using DnsClient;
using DnsClient.Protocol;
using Moq;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;

namespace MtaSts.Client.Benchmarks;

/// <summary>
/// What every delivery after the first costs: the domain's valid policy is cached and its TXT record
/// is not due for a check, so the resolver answers from memory without DNS or HTTPS. DNS and the
/// Policy Host stand behind the library's seams and are asked only in the setup. With metrics
/// listened to, each resolution is also counted on <c>mtasts.resolutions</c>.
/// </summary>
[MemoryDiagnoser]
public class ResolverCacheHitBenchmarks
{
    private const string RecordName = "_mta-sts.example.com";

    // An hour, the longest re-check interval, so that no TXT check falls due while the benchmark runs.
    private const int RecordTtl = 3600;

    private readonly PolicyDomain _domain = PolicyDomain.Create("example.com");
    private readonly PolicyAnswer _policyHost = new();
    private Mock<ILookupClient> _lookup = null!;
    private HttpClient _httpClient = null!;
    private MtaStsPolicyResolver _resolver = null!;
    private MeterListener? _listener;
    private long _counted;
    private int _txtQueries;

    /// <summary>Gets or sets a value indicating whether a listener takes the resolver's metrics.</summary>
    [Params(false, true)]
    public bool MetricsListened { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var owner = DnsString.FromResponseQueryString(RecordName + ".");
        var record = new TxtRecord(
            new ResourceRecordInfo(owner, ResourceRecordType.TXT, QueryClass.IN, RecordTtl, 0),
            ["v=STSv1; id=20240501T000000;"],
            ["v=STSv1; id=20240501T000000;"]);
        var response = new Mock<IDnsQueryResponse>(MockBehavior.Strict);
        response.SetupGet(r => r.HasError).Returns(false);
        response.SetupGet(r => r.Answers).Returns([record]);

        _lookup = new Mock<ILookupClient>(MockBehavior.Strict);
        _lookup
            .Setup(c => c.QueryAsync(RecordName, QueryType.TXT, QueryClass.IN, It.IsAny<CancellationToken>()))
            .Callback(() => Interlocked.Increment(ref _txtQueries))
            .ReturnsAsync(response.Object);

        if (MetricsListened)
        {
            _listener = new MeterListener();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "MtaSts.Client")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _counted, value));
            _listener.Start();
        }

        _httpClient = new HttpClient(_policyHost);
        _resolver = new MtaStsPolicyResolver(
            new MtaStsDnsClient(_lookup.Object), new PolicyFetcher(_httpClient));

        PolicyResolution first = _resolver.ResolveAsync(_domain).AsTask().GetAwaiter().GetResult();
        Expect(first, PolicySource.Fetched, ResolutionReason.Fetched);
        Expect(CachedPolicyCurrent(), PolicySource.Cache, ResolutionReason.CachedPolicyCurrent);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // Still a cache hit at the end, and DNS and HTTPS were asked once in all: nothing re-checked.
        Expect(CachedPolicyCurrent(), PolicySource.Cache, ResolutionReason.CachedPolicyCurrent);
        if (_txtQueries != 1 || _policyHost.Requests != 1)
        {
            throw new InvalidOperationException(
                $"Expected one TXT query and one GET in all, saw {_txtQueries} and {_policyHost.Requests}.");
        }

        if (MetricsListened && Interlocked.Read(ref _counted) < 2)
        {
            throw new InvalidOperationException("The listener counted no resolutions.");
        }

        _listener?.Dispose();
        _httpClient.Dispose();
    }

    [Benchmark(Description = "cached policy, record check not due")]
    public PolicyResolution CachedPolicyCurrent()
    {
        ValueTask<PolicyResolution> resolution = _resolver.ResolveAsync(_domain);
        return resolution.IsCompletedSuccessfully
            ? resolution.Result
            : throw new InvalidOperationException("The resolution did not complete from the cache.");
    }

    private static void Expect(PolicyResolution resolution, PolicySource source, ResolutionReason reason)
    {
        if (resolution.Source != source || resolution.Reason != reason
            || resolution.Policy?.Matches(PolicyAnswer.MxHost) != true)
        {
            throw new InvalidOperationException(
                $"Expected a policy from {source} ({reason}), got {resolution}; {resolution.FetchFailure?.Message}");
        }
    }
}
