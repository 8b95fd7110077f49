using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ARSoft.Tools.Net.Dns;
using Microsoft.Extensions.Time.Testing;
using Moq;
using MtaSts.Client.Discovery;
using MtaSts.Client.Reporting;
using MtaSts.Testing;
using NUnit.Framework;
using static MtaSts.Client.Tests.Reporting.ReportFixtures;

namespace MtaSts.Client.Tests.Reporting;

/// <summary>
/// Sending reports end to end on loopback (RFC 8460 §4.1, §5; cases 217-220): counts recorded
/// under a fake clock, the <c>_smtp._tls</c> record from a DNS server on 127.0.0.1, and reports
/// posted over HTTPS to Kestrel, which decompresses and reads what arrived.
/// </summary>
[TestFixture]
public sealed class TlsReportSchedulerTests
{
    private const string RecordName = "_smtp._tls.example.com";

    private LoopbackDnsServer _dns = null!;
    private ReportReceiver _receiver = null!;
    private FakeTimeProvider _time = null!;
    private MemoryTlsReportStore _store = null!;

    [OneTimeSetUp]
    public async Task StartServersAsync()
    {
        _dns = LoopbackDnsServer.Start();
        _receiver = await ReportReceiver.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopServersAsync()
    {
        _dns.Dispose();
        await _receiver.DisposeAsync();
    }

    [SetUp]
    public void Reset()
    {
        _dns.Reset();
        _receiver.Reset();
        _dns.AddTxt(RecordName, $"v=TLSRPTv1; rua={_receiver.Uri}");
        _time = new FakeTimeProvider(T0.AddHours(10));
        _store = new MemoryTlsReportStore();
        var recorder = new TlsReportRecorder(_store, _time);
        for (int i = 0; i < 5; i++)
        {
            recorder.Record(SessionResult.Success(StsTest));
        }

        recorder.Record(SessionResult.Failure(StsTest, ExpiredAtMail()));
        recorder.Record(SessionResult.Failure(StsTest, ExpiredAtMail()));
    }

    private TlsReportScheduler CreateScheduler(
        TimeSpan? spread = null,
        ITlsReportMailer? mailer = null,
        HttpsReportSender? sender = null)
    {
        var options = new TlsReportingOptions
        {
            OrganizationName = "Sender Org",
            ContactInfo = "tlsrpt@sender.example",
            MaximumSendDelay = spread ?? TimeSpan.Zero,
        };
        var dnsOptions = new MtaStsDnsOptions { Retries = 0, MaximumCacheTime = TimeSpan.Zero };
        dnsOptions.Servers.Add(_dns.EndPoint);
        return new TlsReportScheduler(_store, new TlsRptDiscovery(new MtaStsDnsClient(dnsOptions)),
            sender ?? ReportReceiver.CreateSender(), options, mailer, _time, null, null, new Random(8460));
    }

    private void ToNextDay() => _time.SetUtcNow(T0.AddDays(1));

    [Test]
    public async Task SendDue_BeforeTheDayEnds_SendsNothing()
    {
        TlsReportScheduler scheduler = CreateScheduler();

        DateTimeOffset next = await scheduler.SendDueAsync(CancellationToken.None);

        Assert.That(_receiver.Posts, Is.Empty);
        Assert.That(next, Is.EqualTo(T0.AddDays(1)));
    }

    [TestCase(HttpStatusCode.OK)]
    [TestCase(HttpStatusCode.Created)]
    [TestCase(HttpStatusCode.NoContent)]
    public async Task Case217_TwoHundredStatus_DeliversTheRecordedReportAndDropsTheDay(HttpStatusCode status)
    {
        _receiver.Status = status;
        TlsReportScheduler scheduler = CreateScheduler();
        ToNextDay();

        await scheduler.SendDueAsync(CancellationToken.None);

        var post = _receiver.Posts.Single();
        Assert.That(post.Method, Is.EqualTo("POST"));
        Assert.That(post.ContentType, Is.EqualTo("application/tlsrpt+gzip"));
        TlsReportReadResult read = TlsReportReader.ReadGzip(post.Body);
        Assert.That(read.IsValid, Is.True, string.Join("; ", read.Diagnostics));
        ReportSchema.AssertValid(TlsReportWriter.ToJson(read.Report!));
        Assert.That(read.Report!.ReportId, Is.EqualTo("20240501.example.com@sender.example"));
        PolicyResults policy = read.Report.Policies.Single();
        Assert.That(policy.Policy, Is.EqualTo(StsTest));
        Assert.That((policy.SuccessfulSessionCount, policy.FailedSessionCount), Is.EqualTo((5L, 2L)));
        Assert.That(policy.FailureDetails.Single().Detail, Is.EqualTo(ExpiredAtMail()));
        Assert.That(_store.GetKeys(), Is.Empty);
        Assert.That(scheduler.PendingReports, Is.Zero);
    }

    [Test]
    public async Task Case217_ServerError_RetriesWithDoublingDelaysAndGivesUpWithin24Hours()
    {
        _receiver.Status = HttpStatusCode.InternalServerError;
        TlsReportScheduler scheduler = CreateScheduler();
        ToNextDay();
        var attempts = new System.Collections.Generic.List<DateTimeOffset>();

        for (int pass = 0; pass < 100 && _store.GetKeys().Count > 0; pass++)
        {
            int before = _receiver.Posts.Count;
            DateTimeOffset next = await scheduler.SendDueAsync(CancellationToken.None);
            if (_receiver.Posts.Count > before)
            {
                attempts.Add(_time.GetUtcNow());
            }

            _time.SetUtcNow(next);
        }

        TimeSpan[] gaps = attempts.Zip(attempts.Skip(1), (a, b) => b - a).ToArray();
        Assert.That(gaps.Take(4), Is.EqualTo(new[]
        {
            TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(40),
        }));
        Assert.That(gaps.Max(), Is.EqualTo(TimeSpan.FromHours(4)));
        Assert.That(attempts[^1] - attempts[0], Is.LessThanOrEqualTo(TimeSpan.FromHours(24)));
        Assert.That(attempts[^1] - attempts[0], Is.GreaterThan(TimeSpan.FromHours(20)));
        Assert.That(_store.GetKeys(), Is.Empty, "Given up: the day's counts are dropped.");
    }

    [Test]
    public async Task Case217_Redirect_IsNotFollowedAndIsRetried()
    {
        _receiver.Status = HttpStatusCode.MovedPermanently;
        TlsReportScheduler scheduler = CreateScheduler();
        ToNextDay();

        DateTimeOffset next = await scheduler.SendDueAsync(CancellationToken.None);

        Assert.That(_receiver.Posts.Single().Method, Is.EqualTo("POST"));
        Assert.That(_store.GetKeys(), Has.Count.EqualTo(1));
        _receiver.Status = HttpStatusCode.OK;
        _time.SetUtcNow(next);
        await scheduler.SendDueAsync(CancellationToken.None);
        Assert.That(_receiver.Posts, Has.Count.EqualTo(2));
        Assert.That(_store.GetKeys(), Is.Empty);
    }

    [TestCase(false, 0)]
    [TestCase(true, 1)]
    public async Task Case218_ExpiredReceiverCertificate_IsPostedToOnlyWhenErrorsAreIgnored(bool ignore, int posts)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        _receiver.Server.Certificate = TestPki.Trusted.Leaf(new LeafSpec
        {
            DnsNames = [ReportReceiver.HostName], NotBefore = now.AddDays(-30), NotAfter = now.AddDays(-1),
        });
        TlsReportScheduler scheduler = CreateScheduler(sender: ReportReceiver.CreateSender(ignore));
        ToNextDay();

        await scheduler.SendDueAsync(CancellationToken.None);

        Assert.That(_receiver.Posts, Has.Count.EqualTo(posts));
        Assert.That(_store.GetKeys(), Has.Count.EqualTo(1 - posts));
    }

    [Test]
    public async Task Case219_MailFailsHttpsAccepts_ReportIsDeliveredAndMailRetriedUntilItWorks()
    {
        _dns.ReplaceTxt(RecordName, 300, $"v=TLSRPTv1; rua=mailto:tlsrpt@example.com,{_receiver.Uri}");
        _receiver.Status = HttpStatusCode.Created;
        var mailer = new Mock<ITlsReportMailer>(MockBehavior.Strict);
        mailer.SetupSequence(m => m.SendAsync(
                It.Is<ReportDestination>(d => d.MailAddress == "tlsrpt@example.com"),
                It.Is<TlsReportPayload>(p => p.FileName == "sender.example!example.com!1714521600!1714607999.json.gz"),
                It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("mail server down"))
            .ReturnsAsync(ReportDeliveryResult.Delivered("250 accepted"));
        TlsReportScheduler scheduler = CreateScheduler(mailer: mailer.Object);
        ToNextDay();

        DateTimeOffset next = await scheduler.SendDueAsync(CancellationToken.None);

        Assert.That(_receiver.Posts, Has.Count.EqualTo(1), "A failing destination does not stop the others.");
        Assert.That(_store.GetKeys(), Has.Count.EqualTo(1), "Kept until the mail destination is done too.");
        Assert.That(next, Is.EqualTo(T0.AddDays(1).AddMinutes(5)));
        _time.SetUtcNow(next);
        await scheduler.SendDueAsync(CancellationToken.None);
        Assert.That(_receiver.Posts, Has.Count.EqualTo(1), "The accepted destination is not sent to again.");
        Assert.That(_store.GetKeys(), Is.Empty);
        mailer.Verify(m => m.SendAsync(It.IsAny<ReportDestination>(), It.IsAny<TlsReportPayload>(),
            It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Test]
    public async Task Case220_SpreadDelay_SendsAtARandomTimeWithinTheMaximumAfterMidnight()
    {
        TlsReportScheduler scheduler = CreateScheduler(spread: TimeSpan.FromHours(4));
        ToNextDay();

        DateTimeOffset due = await scheduler.SendDueAsync(CancellationToken.None);

        Assert.That(_receiver.Posts, Is.Empty);
        Assert.That(due, Is.GreaterThan(T0.AddDays(1)).And.LessThanOrEqualTo(T0.AddDays(1).AddHours(4)));
        _time.SetUtcNow(due - TimeSpan.FromSeconds(1));
        await scheduler.SendDueAsync(CancellationToken.None);
        Assert.That(_receiver.Posts, Is.Empty);
        _time.SetUtcNow(due);
        await scheduler.SendDueAsync(CancellationToken.None);
        Assert.That(_receiver.Posts, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task SendDue_NoTlsRptRecord_DropsTheDayWithoutSending()
    {
        _dns.Reset();
        TlsReportScheduler scheduler = CreateScheduler();
        ToNextDay();

        await scheduler.SendDueAsync(CancellationToken.None);

        Assert.That(_receiver.Posts, Is.Empty);
        Assert.That(_store.GetKeys(), Is.Empty);
    }

    [Test]
    public async Task SendDue_DnsFailure_LooksUpAgainLater()
    {
        _dns.Reset();
        _dns.SetResponseCode(RecordName, ReturnCode.ServerFailure);
        TlsReportScheduler scheduler = CreateScheduler();
        ToNextDay();

        DateTimeOffset next = await scheduler.SendDueAsync(CancellationToken.None);
        _dns.Reset();
        _dns.AddTxt(RecordName, $"v=TLSRPTv1; rua={_receiver.Uri}");
        _time.SetUtcNow(next);
        await scheduler.SendDueAsync(CancellationToken.None);

        Assert.That(next, Is.EqualTo(T0.AddDays(1).AddMinutes(5)));
        Assert.That(_receiver.Posts, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task SendDue_MailDestinationWithoutMailer_IsSkipped()
    {
        _dns.ReplaceTxt(RecordName, 300, "v=TLSRPTv1; rua=mailto:tlsrpt@example.com");
        TlsReportScheduler scheduler = CreateScheduler();
        ToNextDay();

        await scheduler.SendDueAsync(CancellationToken.None);

        Assert.That(_store.GetKeys(), Is.Empty);
        Assert.That(scheduler.PendingReports, Is.Zero);
    }

    [Test]
    public async Task Hosted_RunsPassesOnTheFakeClock()
    {
        using TlsReportScheduler scheduler = CreateScheduler();
        await scheduler.StartAsync(CancellationToken.None);

        // Each advance ends one sleep of the hosted loop; the loop then makes its pass on its own thread.
        for (int hour = 0; hour < 48 && _receiver.Posts.IsEmpty; hour++)
        {
            _time.Advance(TimeSpan.FromHours(1));
            int waits = _time.GetUtcNow() > T0.AddDays(1) ? 100 : 1;
            for (int wait = 0; wait < waits && _receiver.Posts.IsEmpty && _store.GetKeys().Count > 0; wait++)
            {
                await Task.Delay(20);
            }
        }

        await scheduler.StopAsync(CancellationToken.None);
        Assert.That(_receiver.Posts, Has.Count.EqualTo(1));
        Assert.That(_store.GetKeys(), Is.Empty);
    }
}
