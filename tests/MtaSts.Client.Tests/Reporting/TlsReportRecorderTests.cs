using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using MtaSts.Client.Policies;
using MtaSts.Client.Reporting;
using NUnit.Framework;
using static MtaSts.Client.Tests.Reporting.ReportFixtures;

namespace MtaSts.Client.Tests.Reporting;

/// <summary>Counting sessions per Policy Domain per UTC day (RFC 8460 §4.1; decisions 29, 31).</summary>
[TestFixture]
public sealed class TlsReportRecorderTests
{
    [Test]
    public void Case220_DayBoundary_SplitsSessionsByUtcDay()
    {
        var time = new FakeTimeProvider(T0.AddDays(1).AddMilliseconds(-100));
        var store = new MemoryTlsReportStore();
        var recorder = new TlsReportRecorder(store, time);

        recorder.Record(SessionResult.Success(StsTest));
        time.Advance(TimeSpan.FromMilliseconds(100));
        recorder.Record(SessionResult.Success(StsTest));
        recorder.Record(SessionResult.Success(StsTest));

        var day2 = new TlsReportKey(new DateOnly(2024, 5, 2), ExampleCom);
        Assert.That(store.GetKeys(), Is.EquivalentTo(new[] { Day1, day2 }));
        Assert.That(store.Find(Day1)!.Single().SuccessfulSessionCount, Is.EqualTo(1));
        Assert.That(store.Find(day2)!.Single().SuccessfulSessionCount, Is.EqualTo(2));
    }

    [Test]
    public void Record_ReportDelivery_IsNeverCounted()
    {
        var store = new MemoryTlsReportStore();
        var recorder = new TlsReportRecorder(store, new FakeTimeProvider(T0));

        SessionCountOutcome outcome = recorder.Record(SessionResult.Failure(StsTest, ExpiredAtMail()).AsReportDelivery());

        Assert.That(outcome, Is.EqualTo(SessionCountOutcome.Ignored));
        Assert.That(store.GetKeys(), Is.Empty);
    }

    [Test]
    public void Record_IdenticalPolicyObjects_AreMergedAndChangedPoliciesKeptApart()
    {
        var store = new MemoryTlsReportStore();
        var recorder = new TlsReportRecorder(store, new FakeTimeProvider(T0));

        recorder.Record(SessionResult.Success(ReportPolicy.Sts(ExampleCom, Policy("P_TEST"))));
        recorder.Record(SessionResult.Success(ReportPolicy.Sts(ExampleCom, Policy("P_TEST"))));
        recorder.Record(SessionResult.Success(ReportPolicy.Sts(ExampleCom, Policy("P_ENF"))));

        Assert.That(store.Find(Day1)!.Select(p => p.SuccessfulSessionCount), Is.EquivalentTo(new long[] { 2, 1 }));
    }

    [Test]
    public void Record_PastTheDetailLimit_FoldsIntoTheResultTypeAndLosesNoSession()
    {
        var store = new MemoryTlsReportStore(new ReportLimits { MaxFailureDetailsPerPolicy = 3 });
        var recorder = new TlsReportRecorder(store, new FakeTimeProvider(T0));

        SessionCountOutcome[] outcomes = Enumerable.Range(1, 10)
            .Select(i => recorder.Record(SessionResult.Failure(StsTest, ExpiredAtMail($"192.0.2.{i}"))))
            .ToArray();

        PolicyResults results = store.Find(Day1)!.Single();
        Assert.That(outcomes.Count(o => o == SessionCountOutcome.Folded), Is.EqualTo(7));
        Assert.That(results.FailedSessionCount, Is.EqualTo(10));
        Assert.That(results.FailureDetails, Has.Count.EqualTo(4));
        FailureDetailCount folded = results.FailureDetails.Single(d => d.Detail.SendingMtaIp is null);
        Assert.That(folded.Detail.ResultType, Is.EqualTo(ResultTypes.CertificateExpired));
        Assert.That(folded.FailedSessionCount, Is.EqualTo(7));
    }

    [Test]
    public void Record_PastThePolicyLimit_DropsTheSession()
    {
        var store = new MemoryTlsReportStore(new ReportLimits { MaxPoliciesPerDay = 1 });
        var recorder = new TlsReportRecorder(store, new FakeTimeProvider(T0));

        recorder.Record(SessionResult.Success(StsTest));
        SessionCountOutcome outcome = recorder.Record(SessionResult.Success(ReportPolicy.NoPolicyFound(ExampleCom)));

        Assert.That(outcome, Is.EqualTo(SessionCountOutcome.Dropped));
        Assert.That(store.Find(Day1)!.Single().Policy, Is.EqualTo(StsTest));
    }

    [Test]
    public void Record_FromManyThreads_CountsEverySession()
    {
        var store = new MemoryTlsReportStore();
        var recorder = new TlsReportRecorder(store, new FakeTimeProvider(T0));

        Parallel.For(0, 20_000, i => recorder.Record(i % 4 == 0
            ? SessionResult.Failure(StsTest, ExpiredAtMail($"192.0.2.{i % 8}"))
            : SessionResult.Success(StsTest)));

        PolicyResults results = store.Find(Day1)!.Single();
        Assert.That(results.SuccessfulSessionCount, Is.EqualTo(15_000));
        Assert.That(results.FailedSessionCount, Is.EqualTo(5_000));
        Assert.That(results.FailureDetails.Sum(d => d.FailedSessionCount), Is.EqualTo(5_000));
        Assert.That(results.FailureDetails, Has.Count.EqualTo(2));
    }

    [Test]
    public void FailureDetail_LongPeerName_IsCut()
    {
        var detail = new FailureDetail(ResultTypes.StartTlsNotSupported, receivingMxHelo: new string('h', 10_000),
            receivingIp: IPAddress.IPv6Loopback);

        Assert.That(detail.ReceivingMxHelo, Has.Length.EqualTo(255));
        Assert.Throws<ArgumentException>(() => _ = new MemoryTlsReportStore(new ReportLimits { MaxPoliciesPerDay = 0 }));
    }
}
