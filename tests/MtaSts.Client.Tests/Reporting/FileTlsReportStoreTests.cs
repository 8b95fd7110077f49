using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using MtaSts.Client.Reporting;
using NUnit.Framework;
using static MtaSts.Client.Tests.Reporting.ReportFixtures;

namespace MtaSts.Client.Tests.Reporting;

/// <summary>The file store across restarts and torn writes: nothing lost, nothing counted twice.</summary>
[TestFixture]
public sealed class FileTlsReportStoreTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() =>
        _directory = Directory.CreateTempSubdirectory("mtasts-tlsrpt-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private FileTlsReportStore Open(TimeProvider? time = null, TimeSpan? flushInterval = null) =>
        new(_directory, flushInterval: flushInterval ?? TimeSpan.Zero, timeProvider: time);

    private static void AddSessions(ITlsReportStore store, int successes, int failures)
    {
        for (int i = 0; i < successes; i++)
        {
            store.Add(Day1, SessionResult.Success(StsTest));
        }

        for (int i = 0; i < failures; i++)
        {
            store.Add(Day1, SessionResult.Failure(StsTest, ExpiredAtMail()));
        }
    }

    private static (long Successes, long Failures, long Detail) Counts(ITlsReportStore store)
    {
        PolicyResults results = store.Find(Day1)!.Single();
        return (results.SuccessfulSessionCount, results.FailedSessionCount, results.FailureDetails.Single().FailedSessionCount);
    }

    [Test]
    public async Task Restart_ReopensAndGoesOnCounting()
    {
        await using (FileTlsReportStore first = Open())
        {
            AddSessions(first, 5, 2);
        }

        await using FileTlsReportStore second = Open();
        AddSessions(second, 1, 1);
        await second.FlushAsync(CancellationToken.None);
        await using FileTlsReportStore third = Open();

        Assert.That(Counts(second), Is.EqualTo((6L, 3L, 3L)));
        Assert.That(Counts(third), Is.EqualTo((6L, 3L, 3L)));
        Assert.That(third.Find(Day1)!.Single().Policy, Is.EqualTo(StsTest));
    }

    [Test]
    public async Task TornWrite_KilledBetweenTemporaryWriteAndRename_ReopensWithTheLastWrittenCounts()
    {
        FileTlsReportStore crashing = Open();
        AddSessions(crashing, 5, 2);
        await crashing.FlushAsync(CancellationToken.None);
        AddSessions(crashing, 100, 100);

        // The process dies after the temporary file is on disk, before the rename.
        crashing.BeforeReplace = _ => throw new IOException("killed");
        await crashing.FlushAsync(CancellationToken.None);
        Assert.That(Directory.GetFiles(_directory, "*.tmp"), Has.Length.EqualTo(1));

        await using FileTlsReportStore reopened = Open();
        Assert.That(Counts(reopened), Is.EqualTo((5L, 2L, 2L)));
        Assert.That(Directory.GetFiles(_directory, "*.tmp"), Is.Empty);

        AddSessions(reopened, 1, 0);
        await reopened.FlushAsync(CancellationToken.None);
        await using FileTlsReportStore again = Open();
        Assert.That(Counts(again), Is.EqualTo((6L, 2L, 2L)));
    }

    [Test]
    public async Task TornWrite_PartialTemporaryFileLeftBehind_IsIgnored()
    {
        await using (FileTlsReportStore first = Open())
        {
            AddSessions(first, 3, 1);
        }

        string file = Directory.GetFiles(_directory, "*.json").Single();
        byte[] whole = File.ReadAllBytes(file);
        File.WriteAllBytes(file + ".tmp", whole[..(whole.Length / 2)]);

        await using FileTlsReportStore reopened = Open();

        Assert.That(Counts(reopened), Is.EqualTo((3L, 1L, 1L)));
    }

    [Test]
    public async Task Open_UnreadableFile_IsSetAsideNotDeleted()
    {
        File.WriteAllText(Path.Combine(_directory, "2024-05-01!example.com.json"), "{\"format\":");

        await using FileTlsReportStore store = Open();

        Assert.That(store.GetKeys(), Is.Empty);
        Assert.That(Directory.GetFiles(_directory, "*.corrupt"), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task Remove_DeletesTheFile()
    {
        await using FileTlsReportStore store = Open();
        AddSessions(store, 1, 0);
        await store.FlushAsync(CancellationToken.None);

        await store.RemoveAsync(Day1, CancellationToken.None);
        await store.FlushAsync(CancellationToken.None);

        Assert.That(Directory.GetFiles(_directory), Is.Empty);
        await using FileTlsReportStore reopened = Open();
        Assert.That(reopened.GetKeys(), Is.Empty);
    }

    [Test]
    public async Task FlushTimer_WritesChangedCountsOnItsInterval()
    {
        var time = new FakeTimeProvider(T0);
        await using FileTlsReportStore store = Open(time, TimeSpan.FromMinutes(1));
        AddSessions(store, 2, 0);
        Assert.That(Directory.GetFiles(_directory, "*.json"), Is.Empty);

        // The fake clock runs the timer inside Advance, and an uncontended flush never yields.
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.That(Directory.GetFiles(_directory, "*.json"), Has.Length.EqualTo(1));
        await using FileTlsReportStore reopened = Open();
        Assert.That(reopened.Find(Day1)!.Single().SuccessfulSessionCount, Is.EqualTo(2));
    }
}
