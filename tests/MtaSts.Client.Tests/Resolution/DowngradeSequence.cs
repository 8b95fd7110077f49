using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using DnsClient;
using Microsoft.Extensions.Time.Testing;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;
using NUnit.Framework;
using NUnit.Framework.Constraints;

namespace MtaSts.Client.Tests.Resolution;

/// <summary>
/// One random sequence of events for <see cref="DowngradeResistanceTests"/>: the world (scripted DNS,
/// a scripted Policy Host, a fake clock), a resolver over it, and a model of what may apply, checked
/// after every event. Everything random comes from the seed, so a sequence replays exactly.
/// </summary>
internal sealed class DowngradeSequence : IDisposable
{
    public const string SeedVariable = "MTASTS_DOWNGRADE_SEED";

    private static readonly DateTimeOffset s_t0 = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly PolicyDomain s_domain = PolicyDomain.Create("example.com");
    private static readonly Uri s_elsewhere = new("https://attacker.example/.well-known/mta-sts.txt");
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromMinutes(5);
    private static readonly int[] s_maxAges = [0, 60, 3600, 86400, 86400, 604800, 604800];
    private static readonly int[] s_ttls = [30, 300, 3600, 86400];
    private static readonly PolicyMode[] s_modes = [PolicyMode.Enforce, PolicyMode.Testing, PolicyMode.None];

    // Around the one-minute re-check, the five-minute back-off and the usual max_age values.
    private static readonly TimeSpan[] s_steps =
    [
        TimeSpan.Zero,
        TimeSpan.FromSeconds(1),
        TimeSpan.FromSeconds(59),
        TimeSpan.FromSeconds(61),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromSeconds(301),
        TimeSpan.FromHours(1),
        TimeSpan.FromHours(1),
        TimeSpan.FromDays(1),
    ];

    // How often each event is drawn, out of their sum.
    private static readonly (EventKind Kind, int Weight)[] s_events =
    [
        (EventKind.NxDomain, 2),
        (EventKind.ServFail, 2),
        (EventKind.TwoRecords, 2),
        (EventKind.InvalidRecord, 2),
        (EventKind.Http500, 2),
        (EventKind.Redirect, 2),
        (EventKind.InvalidBody, 2),
        (EventKind.TimePasses, 5),
        (EventKind.NewPolicy, 3),
        (EventKind.RecordBack, 2),
        (EventKind.Refresh, 1),
    ];

    private readonly int _seed;
    private readonly Dictionary<ResolutionReason, int> _reached;
    private readonly Random _random;
    private readonly StringBuilder _trace = new();
    private readonly FakeTimeProvider _time = new(s_t0);
    private readonly ScriptedTxtRecords _dns = new();
    private readonly ScriptedPolicyHost _host = new();
    private readonly MemoryPolicyStore _store = new();
    private readonly Dictionary<string, DateTimeOffset> _failedAt = new(StringComparer.Ordinal);
    private int _nextId;

    // The world as the sequence set it: the id DNS publishes (null while the record is unusable),
    // and the policy the Policy Host serves (null while it fails).
    private string? _publishedId;
    private Fetched? _served;

    // The model: the last policy fetched successfully, the only one that may ever apply.
    private Fetched _lastFetched = null!;

    public DowngradeSequence(int seed, Dictionary<ResolutionReason, int> reached)
    {
        _seed = seed;
        _reached = reached;
        _random = new Random(seed);
    }

    private enum EventKind
    {
        NxDomain,
        ServFail,
        TwoRecords,
        InvalidRecord,
        Http500,
        Redirect,
        InvalidBody,
        TimePasses,
        NewPolicy,
        RecordBack,
        Refresh,
    }

    public async Task RunAsync()
    {
        using var client = new HttpClient(_host, disposeHandler: false);
        var resolver = new MtaStsPolicyResolver(
            new MtaStsDnsClient(_dns.Lookup.Object),
            new PolicyFetcher(client, timeProvider: _time),
            _store,
            new PolicyResolverOptions { FetchRetryDelay = s_retryDelay },
            _time);

        // The starting point: a valid enforce policy, fetched at t0.
        ServeNewPolicy(PolicyMode.Enforce, Pick([3600, 86400, 604800]));
        PolicyResolution first = await resolver.ResolveAsync(s_domain);
        _lastFetched = _served! with { At = s_t0 };
        _trace.AppendLine(CultureInfo.InvariantCulture, $"start: {first}");
        Check(first.Source, Is.EqualTo(PolicySource.Fetched), "the first contact fetches");
        Check(first.Policy?.Mode, Is.EqualTo(PolicyMode.Enforce), "the starting policy is enforce");

        int length = _random.Next(10, 41);
        for (int step = 1; step <= length; step++)
        {
            await StepAsync(step, resolver);
        }
    }

    public void Dispose()
    {
        _host.Dispose();
        _store.Dispose();
    }

    private async Task StepAsync(int step, MtaStsPolicyResolver resolver)
    {
        EventKind kind = NextEvent();
        string happened = Apply(kind);
        _trace.Append(CultureInfo.InvariantCulture, $"{step}: {happened} at t0+{_time.GetUtcNow() - s_t0}");
        CachedPolicy? before = _store.Find(s_domain);
        int requestsBefore = _host.Requests;
        bool fetched = false;
        if (kind == EventKind.Refresh)
        {
            await resolver.RefreshAsync(TimeSpan.Zero);
            int refreshRequests = _host.Requests - requestsBefore;
            _trace.Append(CultureInfo.InvariantCulture, $" [refresh GET {refreshRequests}]");
            if (refreshRequests > 0)
            {
                // A refresh keeps the cached id when DNS has no usable record (decision 21).
                Check(refreshRequests, Is.EqualTo(1), "at most one GET per event");
                fetched = Observe(_publishedId ?? _lastFetched.Id);
            }
        }

        int requestsBeforeResolve = _host.Requests;
        PolicyResolution resolution = await resolver.ResolveAsync(s_domain);
        DateTimeOffset now = _time.GetUtcNow();
        int requests = _host.Requests - requestsBeforeResolve;
        _reached[resolution.Reason] = _reached.GetValueOrDefault(resolution.Reason) + 1;
        _trace.AppendLine(CultureInfo.InvariantCulture,
            $" -> {resolution} [GET {requests}, DNS id {_publishedId ?? "-"}]");

        Check(_host.Requests - requestsBefore, Is.LessThanOrEqualTo(1), "at most one GET per event");
        if (requests == 1)
        {
            fetched |= Observe(_publishedId ?? throw Fail("a delivery fetched without a usable record"));
        }

        CheckApplied(resolution, now);
        if (!fetched && before is not null && before.IsValidAt(now))
        {
            Check(resolution.Applied, Is.SameAs(before), "only a successful fetch replaces a valid policy");
        }

        CachedPolicy? stored = _store.Find(s_domain);
        Check(stored?.PolicyId, Is.EqualTo(_lastFetched.Id), "the store holds the last fetched id");
        Check(stored?.FetchedAt, Is.EqualTo(_lastFetched.At), "the store holds the last fetch time");
    }

    /// <summary>The last fetched policy while its max_age lasts; nothing once it has passed.</summary>
    private void CheckApplied(PolicyResolution resolution, DateTimeOffset now)
    {
        if (!_lastFetched.IsValidAt(now))
        {
            Check(resolution.Applied, Is.Null, "an expired policy no longer applies");
            return;
        }

        Check(resolution.Applied?.PolicyId, Is.EqualTo(_lastFetched.Id), "the last fetched id applies");
        Check(resolution.Applied?.FetchedAt, Is.EqualTo(_lastFetched.At), "it applies from its own fetch time");
        Check(resolution.Policy?.Mode, Is.EqualTo(_lastFetched.Mode), "the last fetched mode applies");
        Check(resolution.Policy?.MxPatterns[0].Value, Is.EqualTo(_lastFetched.Mx), "the last fetched mx applies");
        Check(resolution.Policy?.MaxAgeSeconds, Is.EqualTo(_lastFetched.MaxAge), "the last fetched max_age applies");
    }

    /// <summary>Takes note of a GET for <paramref name="id"/>; returns whether it fetched a policy.</summary>
    private bool Observe(string id)
    {
        DateTimeOffset now = _time.GetUtcNow();
        if (_failedAt.TryGetValue(id, out DateTimeOffset failed))
        {
            Check(now - failed, Is.GreaterThanOrEqualTo(s_retryDelay),
                $"id {id} is not fetched again within five minutes of a failed fetch (decision 18)");
        }

        if (_served is null)
        {
            _failedAt[id] = now;
            return false;
        }

        _failedAt.Remove(id);
        _lastFetched = _served with { Id = id, At = now };
        return true;
    }

    private EventKind NextEvent()
    {
        int total = 0;
        foreach ((EventKind _, int weight) in s_events)
        {
            total += weight;
        }

        int draw = _random.Next(total);
        foreach ((EventKind kind, int weight) in s_events)
        {
            if (draw < weight)
            {
                return kind;
            }

            draw -= weight;
        }

        throw new InvalidOperationException("The weights do not add up.");
    }

    /// <summary>Changes the world as the event says; returns how the trace shows it.</summary>
    private string Apply(EventKind kind)
    {
        switch (kind)
        {
            case EventKind.NxDomain:
                _dns.Remove();
                _publishedId = null;
                return "NXDOMAIN";

            case EventKind.ServFail:
                _dns.Fail(DnsHeaderResponseCode.ServerFailure);
                _publishedId = null;
                return "SERVFAIL";

            case EventKind.TwoRecords:
                _dns.PublishRaw($"v=STSv1; id={_lastFetched.Id}", $"v=STSv1; id={NewId()}");
                _publishedId = null;
                return "two records";

            case EventKind.InvalidRecord:
                _dns.PublishRaw("v=STSv1; id=not-an-id!");
                _publishedId = null;
                return "invalid record";

            case EventKind.Http500:
                _host.Fail(HttpStatusCode.InternalServerError);
                _served = null;
                return "HTTP 500, " + PublishFetchTarget();

            case EventKind.Redirect:
                _host.Redirect(s_elsewhere);
                _served = null;
                return "HTTP 301, " + PublishFetchTarget();

            case EventKind.InvalidBody:
                _host.Serve("version: STSv1\nmode: enforce\nmax_age: 86400\n");
                _served = null;
                return "invalid body, " + PublishFetchTarget();

            case EventKind.TimePasses:
                TimeSpan by = PickStep();
                _time.Advance(by);
                return $"time passes {by}";

            case EventKind.NewPolicy:
                ServeNewPolicy(Pick(s_modes), Pick(s_maxAges));
                return $"new policy {_publishedId} ({_served!.Mode.ToPolicyValue()}, max_age {_served.MaxAge})";

            case EventKind.RecordBack:
                Publish(_lastFetched.Id);
                return $"record back with id {_publishedId}";

            default:
                return "refresh of every valid entry";
        }
    }

    /// <summary>The id a failing Policy Host is asked for: a new one, or the cached one (expired or not).</summary>
    private string PublishFetchTarget()
    {
        Publish(_random.Next(2) == 0 ? NewId() : _lastFetched.Id);
        return $"DNS id {_publishedId}";
    }

    private void ServeNewPolicy(PolicyMode mode, int maxAge)
    {
        string id = NewId();
        _served = new Fetched(id, default, mode, $"mx{id}.example.com", maxAge);
        _host.Serve(_served.Body);
        Publish(id);
    }

    private void Publish(string id)
    {
        _dns.Publish(id, Pick(s_ttls));
        _publishedId = id;
    }

    private string NewId() => "id" + (++_nextId).ToString(CultureInfo.InvariantCulture);

    /// <summary>A fixed step, or one that lands exactly on the expiry of the last fetch or just past it.</summary>
    private TimeSpan PickStep()
    {
        TimeSpan toExpiry = _lastFetched.At + TimeSpan.FromSeconds(_lastFetched.MaxAge) - _time.GetUtcNow();
        return _random.Next(4) switch
        {
            0 when toExpiry > TimeSpan.Zero => toExpiry,
            1 when toExpiry >= TimeSpan.Zero => toExpiry + TimeSpan.FromSeconds(1),
            _ => Pick(s_steps),
        };
    }

    private T Pick<T>(T[] choices) => choices[_random.Next(choices.Length)];

    private void Check<T>(T actual, IResolveConstraint constraint, string property) =>
        Assert.That(actual, constraint, () => $"{property}\n{Replay()}");

    private AssertionException Fail(string property) => new($"{property}\n{Replay()}");

    private string Replay() => $"Sequence seed {_seed} (run it alone with {SeedVariable}={_seed}):\n{_trace}";

    /// <summary>A policy as the Policy Host serves it, and once fetched, with its id and fetch time.</summary>
    private sealed record Fetched(string Id, DateTimeOffset At, PolicyMode Mode, string Mx, int MaxAge)
    {
        public string Body => $"version: STSv1\nmode: {Mode.ToPolicyValue()}\nmx: {Mx}\nmax_age: {MaxAge}\n";

        public bool IsValidAt(DateTimeOffset now) => now - At <= TimeSpan.FromSeconds(MaxAge);
    }
}
