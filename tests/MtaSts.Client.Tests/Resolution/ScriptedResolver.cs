using System;
using System.Net.Http;
using Microsoft.Extensions.Time.Testing;
using MtaSts.Client.Discovery;
using MtaSts.Client.Resolution;

namespace MtaSts.Client.Tests.Resolution;

/// <summary>A resolver over scripted TXT answers and a scripted Policy Host, on a clock the test moves from t0.</summary>
internal sealed class ScriptedResolver : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);

    public ScriptedResolver()
    {
        Resolver = new MtaStsPolicyResolver(
            new MtaStsDnsClient(Dns.Lookup.Object),
            new PolicyFetcher(new HttpClient(Host), timeProvider: Time),
            timeProvider: Time);
    }

    public FakeTimeProvider Time { get; } = new(T0);

    public ScriptedTxtRecords Dns { get; } = new();

    public ScriptedPolicyHost Host { get; } = new();

    public MtaStsPolicyResolver Resolver { get; }

    public void Dispose() => Host.Dispose();
}
