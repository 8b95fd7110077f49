using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using MtaSts.Client.Resolution;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Resolution;

/// <summary>
/// Downgrade resistance as a property (RFC 8461 §3.3, §5.1, §10; decisions 5, 18 and 21): random
/// sequences of DNS trouble, Policy Host failures, new policies, refreshes and time passing, applied
/// to a resolver that starts with a valid cached <c>enforce</c> policy. After every event the policy
/// that applies is the last one fetched successfully while its <c>max_age</c> lasts, and nothing
/// after; see <see cref="DowngradeSequence"/>.
/// </summary>
/// <remarks>
/// Each sequence is made from its own seed. A failure names the seed and lists the sequence; set
/// the environment variable <c>MTASTS_DOWNGRADE_SEED</c> to that seed to run that one sequence alone.
/// </remarks>
[TestFixture]
public sealed class DowngradeResistanceTests
{
    private const int SequenceCount = 2000;
    private const int FirstSeed = 8461;

    [Test]
    public async Task RandomEventSequences_OnlyASuccessfulFetchReplacesAndOnlyMaxAgeExpires()
    {
        string? chosen = Environment.GetEnvironmentVariable(DowngradeSequence.SeedVariable);
        if (!string.IsNullOrEmpty(chosen))
        {
            using var replay = new DowngradeSequence(int.Parse(chosen, CultureInfo.InvariantCulture), []);
            await replay.RunAsync();
            return;
        }

        var reached = new Dictionary<ResolutionReason, int>();
        for (int seed = FirstSeed; seed < FirstSeed + SequenceCount; seed++)
        {
            using var sequence = new DowngradeSequence(seed, reached);
            await sequence.RunAsync();
        }

        // A generator that never reaches a row of the cache table proves nothing about it.
        TestContext.Out.WriteLine($"Resolutions by reason over {SequenceCount} sequences:");
        foreach (ResolutionReason reason in Enum.GetValues<ResolutionReason>())
        {
            int count = reached.GetValueOrDefault(reason);
            TestContext.Out.WriteLine($"  {reason}: {count}");
            Assert.That(count, Is.Positive, $"no sequence reached {reason}");
        }
    }
}
