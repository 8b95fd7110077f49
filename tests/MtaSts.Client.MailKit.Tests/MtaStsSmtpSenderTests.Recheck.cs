using System.Linq;
using System.Threading.Tasks;
using MtaSts.Client.Decision;
using MtaSts.Client.Resolution;
using NUnit.Framework;

namespace MtaSts.Client.MailKit.Tests;

/// <summary>
/// RFC 8461 §5.1 step 3: no permanent failure before the policy is looked at again (cases 163, 164).
/// </summary>
public sealed partial class MtaStsSmtpSenderTests
{
    private const string TxtQuery = "_mta-sts.example.com TXT";

    /// <summary>A policy that does not list the domain's new MX host yet, as on day 0 of case 164.</summary>
    private static void PublishWithoutNewProvider()
    {
        Loopback.Publish(TestMail.Domain, "A1", TestMail.Enforce("mail.example.com"));
        Loopback.AddMx(TestMail.Domain, 10, "mx.newprovider.example", Loopback.NewProvider);
    }

    private static void PublishWithNewProvider() =>
        Loopback.Publish(TestMail.Domain, "A2", TestMail.Enforce("mail.example.com", "mx.newprovider.example"));

    [Test]
    public async Task Case163_IdUnchanged_RecheckAsksDnsAgain_MayFailPermanently()
    {
        PublishWithoutNewProvider();
        MtaStsSmtpSender sender = Loopback.CreateSender(out _);
        DeliveryResult deferred = await sender.SendAsync(TestMail.To("bob@example.com"), TestMail.Domain);
        int lookups = Loopback.Dns.Queries.Count(query => query == TxtQuery);

        DeliveryResult rechecked = await sender.RecheckAsync(deferred);

        Assert.That(deferred.RecheckRequired, Is.True);
        Assert.That(Loopback.Dns.Queries.Count(query => query == TxtQuery), Is.EqualTo(lookups + 1));
        Assert.That(rechecked.Recheck!.HasChanged, Is.False);
        Assert.That(rechecked.RecheckRequired, Is.False);
        Assert.That(rechecked.Outcome, Is.EqualTo(DeliveryOutcome.Deferred));
        Assert.That(rechecked.EnhancedStatusCode, Is.EqualTo(deferred.EnhancedStatusCode));
        Assert.That(rechecked.Attempts, Has.Count.EqualTo(1), "an unchanged policy is not tried again");
        Assert.That(rechecked.Reason, Does.Contain("unchanged"));
        Assert.That(MessagesEverywhere, Is.Zero);
    }

    [Test]
    public async Task Case163_NewId_RecheckFetchesItAndTriesTheMxHostsAgain()
    {
        PublishWithoutNewProvider();
        MtaStsSmtpSender sender = Loopback.CreateSender(out _);
        DeliveryResult deferred = await sender.SendAsync(TestMail.To("bob@example.com"), TestMail.Domain);
        PublishWithNewProvider();

        DeliveryResult rechecked = await sender.RecheckAsync(deferred);

        Assert.That(rechecked.Recheck!.HasChanged, Is.True);
        Assert.That(rechecked.Resolution!.Applied!.PolicyId, Is.EqualTo("A2"));
        Assert.That(rechecked.Outcome, Is.EqualTo(DeliveryOutcome.Delivered), rechecked.Reason);
        Assert.That(rechecked.Attempts.Select(attempt => (attempt.PolicyId, attempt.Outcome)), Is.EqualTo(new[]
        {
            ("A1", MxAttemptOutcome.Refused),
            ("A2", MxAttemptOutcome.Delivered),
        }));
        Assert.That(Loopback.NewProvider.Messages, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Case164_PublisherFixesThePolicy_FinalAttemptRechecksAndDelivers()
    {
        PublishWithoutNewProvider();
        MtaStsSmtpSender sender = Loopback.CreateSender(out MtaStsPolicyResolver resolver);
        DeliveryResult firstTry = await sender.SendAsync(TestMail.To("bob@example.com"), TestMail.Domain);
        PublishWithNewProvider();

        // The resolver still answers with A1 from its cache: the record is not due for a look yet.
        PolicyResolution cached = await resolver.ResolveAsync(firstTry.PolicyDomain!);
        DeliveryResult lastTry = await sender.SendAsync(
            TestMail.To("bob@example.com"), TestMail.Domain, new DeliveryOptions { IsFinalAttempt = true });

        Assert.That(firstTry.Outcome, Is.EqualTo(DeliveryOutcome.Deferred));
        Assert.That(cached.Applied!.PolicyId, Is.EqualTo("A1"));
        Assert.That(lastTry.Outcome, Is.EqualTo(DeliveryOutcome.Delivered), lastTry.Reason);
        Assert.That(lastTry.Recheck!.HasChanged, Is.True);
        Assert.That(lastTry.Attempts.Select(attempt => attempt.PolicyId), Is.EqualTo(new[] { "A1", "A2" }));
        Assert.That(lastTry.DeliveredVia!.Decision!.Value.Verdict, Is.EqualTo(MxVerdict.Deliver));
        Assert.That(Loopback.NewProvider.Messages, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Case164_FinalAttemptUnderAStillBrokenPolicy_DeferredOnceMore_NoRecheckLeft()
    {
        PublishWithoutNewProvider();
        MtaStsSmtpSender sender = Loopback.CreateSender(out _);

        DeliveryResult lastTry = await sender.SendAsync(
            TestMail.To("bob@example.com"), TestMail.Domain, new DeliveryOptions { IsFinalAttempt = true });

        Assert.That(lastTry.Outcome, Is.EqualTo(DeliveryOutcome.Deferred));
        Assert.That(lastTry.Recheck!.HasChanged, Is.False);
        Assert.That(lastTry.RecheckRequired, Is.False);
        Assert.That(await sender.RecheckAsync(lastTry), Is.SameAs(lastTry));
    }

    [Test]
    public async Task Recheck_OfADeliveredMessage_ChangesNothing()
    {
        Loopback.Publish(TestMail.Domain, "A1", TestMail.Enforce("mail.example.com"));
        Loopback.AddMx(TestMail.Domain, 10, "mail.example.com", Loopback.Mail);
        MtaStsSmtpSender sender = Loopback.CreateSender(out _);
        DeliveryResult delivered = await sender.SendAsync(TestMail.To("bob@example.com"), TestMail.Domain);

        DeliveryResult same = await sender.RecheckAsync(delivered);

        Assert.That(same, Is.SameAs(delivered));
        Assert.That(delivered.RecheckRequired, Is.False);
    }
}
