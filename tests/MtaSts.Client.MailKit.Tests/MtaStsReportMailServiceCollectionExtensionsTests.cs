using System;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using MtaSts.Client.Reporting;
using NUnit.Framework;

namespace MtaSts.Client.MailKit.Tests;

/// <summary>
/// <c>AddMtaStsReportMail</c>: the mailer the scheduler gets, and its options checked once against
/// the reporting options (case 216).
/// </summary>
[TestFixture]
public sealed class MtaStsReportMailServiceCollectionExtensionsTests
{
    private static void Reporting(TlsReportingOptions options)
    {
        options.OrganizationName = ReportMail.Organization;
        options.ContactInfo = ReportMail.ContactInfo;
    }

    private static void Signing(TlsReportMailOptions options)
    {
        options.Dkim.Selector = DkimTestKey.Selector;
        options.Dkim.PrivateKeyFile = DkimTestKey.Rsa.PemFile;
    }

    [Test]
    public void AddMtaStsReportMail_TheMailerIsTheSchedulersAndOne()
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddMtaSts()
            .AddMtaStsReportMail(Signing)
            .AddMtaStsReporting(Reporting)
            .AddMtaStsReportMail(Signing)
            .BuildServiceProvider();

        TlsReportMailer mailer = provider.GetRequiredService<TlsReportMailer>();

        Assert.That(provider.GetRequiredService<ITlsReportMailer>(), Is.SameAs(mailer));
        Assert.That(provider.GetServices<ITlsReportMailer>(), Has.Exactly(1).Items);
        Assert.That(mailer.SubmitterDomain, Is.EqualTo(ReportMail.Submitter), "from the contact-info");
        Assert.That(mailer.IsSigned, Is.True);
        Assert.That(provider.GetRequiredService<TlsReportScheduler>(), Is.Not.Null);
    }

    [Test]
    public void AddMtaStsReportMail_MailerRegisteredBefore_IsKept()
    {
        var own = new Mock<ITlsReportMailer>(MockBehavior.Strict);
        using ServiceProvider provider = new ServiceCollection()
            .AddSingleton(own.Object)
            .AddMtaSts()
            .AddMtaStsReporting(Reporting)
            .AddMtaStsReportMail(Signing)
            .BuildServiceProvider();

        Assert.That(provider.GetRequiredService<ITlsReportMailer>(), Is.SameAs(own.Object));
    }

    [Test]
    public void Case216_SubmitterDomainNotTheContactInfoDomain_RefusedNamingBoth()
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddMtaSts()
            .AddMtaStsReporting(Reporting)
            .AddMtaStsReportMail(options => options.SubmitterDomain = "other.example")
            .BuildServiceProvider();

        Assert.That(() => provider.GetRequiredService<ITlsReportMailer>(), Throws.ArgumentException
            .With.Message.Contains("SubmitterDomain 'other.example' must be the domain of the contact-info "
                + "'tlsrpt@sender.example'"));
    }

    [Test]
    public void Case216_NoReportingOptionsAndNoSubmitterDomain_Refused()
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddMtaSts()
            .AddMtaStsReportMail(Signing)
            .BuildServiceProvider();

        Assert.That(() => provider.GetRequiredService<TlsReportMailer>(),
            Throws.ArgumentException.With.Message.Contains("SubmitterDomain is required"));
    }

    [Test]
    public void AddMtaStsReportMail_EveryProblem_InOneException()
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddMtaSts()
            .AddMtaStsReporting(Reporting)
            .AddMtaStsReportMail(options =>
            {
                options.From = "reports@other.example";
                options.Dkim.PrivateKeyFile = DkimTestKey.Rsa.PemFile;
                options.Smtp.ConnectTimeout = TimeSpan.Zero;
            })
            .BuildServiceProvider();

        ArgumentException? error = Assert.Throws<ArgumentException>(
            () => provider.GetRequiredService<TlsReportMailer>());

        Assert.That(error!.Message, Does.Contain("From 'reports@other.example'"));
        Assert.That(error.Message, Does.Contain("Dkim.Selector"));
        Assert.That(error.Message, Does.Contain("Smtp: The sender options are invalid: ConnectTimeout"));
    }
}
