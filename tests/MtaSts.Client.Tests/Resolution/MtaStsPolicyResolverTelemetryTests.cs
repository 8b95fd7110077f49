using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Resolution;

/// <summary>What the resolver logs and counts: the alerts of RFC 8461 §3.3 and §10.2, and the metrics.</summary>
[TestFixture]
public sealed class MtaStsPolicyResolverTelemetryTests
{
    private const string PEnforce = "version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 86400\n";
    private const string PNone = "version: STSv1\nmode: none\nmax_age: 86400\n";

    private static readonly PolicyDomain s_domain = PolicyDomain.Create("example.com");

    private FakeTimeProvider _time = null!;
    private ScriptedTxtRecords _dns = null!;
    private ScriptedPolicyHost _host = null!;
    private FakeLogger<MtaStsPolicyResolver> _logger = null!;
    private MtaStsPolicyResolver _resolver = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero));
        _dns = new ScriptedTxtRecords();
        _host = new ScriptedPolicyHost();
        _logger = new FakeLogger<MtaStsPolicyResolver>();
        _resolver = new MtaStsPolicyResolver(
            new MtaStsDnsClient(_dns.Lookup.Object),
            new PolicyFetcher(new HttpClient(_host), timeProvider: _time),
            new MemoryPolicyStore(),
            new PolicyResolverOptions(),
            _time,
            _logger);
    }

    [TearDown]
    public void TearDown() => _host.Dispose();

    private async Task CacheThenFailNewIdAsync(string cachedBody)
    {
        _dns.Publish("A1");
        _host.Serve(cachedBody);
        await _resolver.ResolveAsync(s_domain);

        _time.Advance(TimeSpan.FromHours(1));
        _dns.Publish("A2");
        _host.Fail(HttpStatusCode.ServiceUnavailable);
        await _resolver.ResolveAsync(s_domain);
    }

    [Test]
    public async Task FetchFailsWithEnforceCached_LogsAWarningNamingDomainAndIds()
    {
        await CacheThenFailNewIdAsync(PEnforce);

        FakeLogRecord warning = _logger.Collector.GetSnapshot().Single(r => r.Level == LogLevel.Warning);
        Assert.That(warning.Id.Id, Is.EqualTo(2));
        Assert.That(warning.Message, Does.Contain("example.com").And.Contain("A2").And.Contain("A1"));
        Assert.That(warning.Message, Does.Contain("sts-policy-fetch-error"));
    }

    [Test]
    public async Task Case188_FetchFailsWithModeNoneCached_RaisesNoAlert()
    {
        await CacheThenFailNewIdAsync(PNone);

        Assert.That(_logger.Collector.GetSnapshot().Where(r => r.Level >= LogLevel.Warning), Is.Empty);
    }

    [Test]
    public async Task Resolutions_AreCountedBySource()
    {
        using var measurements = new Measurements("mtasts.resolutions");
        _dns.Publish("A1");
        _host.Serve(PEnforce);

        await _resolver.ResolveAsync(s_domain);
        await _resolver.ResolveAsync(s_domain);

        Assert.That(measurements.Tag("source"), Is.EqualTo(new[] { "fetched", "cache" }));
    }

    [Test]
    public async Task FailedFetches_AreCountedByResultTypeAndReason()
    {
        using var measurements = new Measurements("mtasts.fetch.failures");
        _dns.Publish("A1");
        _host.Fail(HttpStatusCode.NotFound);

        await _resolver.ResolveAsync(s_domain);

        Assert.That(measurements.Tag("result_type"), Is.EqualTo(new[] { "sts-policy-fetch-error" }));
        Assert.That(measurements.Tag("reason"), Is.EqualTo(new[] { "status" }));
    }

    /// <summary>Listens to one instrument of the <c>MtaSts.Client</c> meter and keeps each measurement's tags.</summary>
    private sealed class Measurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<Dictionary<string, object?>> _tags = [];

        public Measurements(string instrument)
        {
            _listener.InstrumentPublished = (published, listener) =>
            {
                if (published.Meter.Name == "MtaSts.Client" && published.Name == instrument)
                {
                    listener.EnableMeasurementEvents(published);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                var copy = new Dictionary<string, object?>();
                foreach (KeyValuePair<string, object?> tag in tags)
                {
                    copy[tag.Key] = tag.Value;
                }

                lock (_tags)
                {
                    _tags.Add(copy);
                }
            });
            _listener.Start();
        }

        public string?[] Tag(string name)
        {
            lock (_tags)
            {
                return _tags.Select(t => t.GetValueOrDefault(name) as string).ToArray();
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
