using System;
using System.IO;
using System.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using MtaSts.Client.Reporting;
using NUnit.Framework;

namespace MtaSts.Client.Tests.DependencyInjection;

[TestFixture]
public sealed class MtaStsReportingServiceCollectionExtensionsTests
{
    private static void Valid(TlsReportingOptions options)
    {
        options.OrganizationName = "Sender Org";
        options.ContactInfo = "tlsrpt@sender.example";
    }

    [Test]
    public void AddMtaStsReporting_RegistersEveryPartOnce()
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddMtaSts()
            .AddMtaStsReporting(Valid)
            .AddMtaStsReporting(Valid)
            .BuildServiceProvider();

        TlsReportScheduler scheduler = provider.GetRequiredService<TlsReportScheduler>();

        Assert.That(provider.GetServices<IHostedService>().Single(), Is.SameAs(scheduler));
        Assert.That(provider.GetRequiredService<ITlsReportStore>(), Is.InstanceOf<MemoryTlsReportStore>());
        Assert.That(provider.GetRequiredService<TlsReportRecorder>(), Is.Not.Null);
        Assert.That(provider.GetRequiredService<HttpsReportSender>(), Is.Not.Null);
        Assert.That(provider.GetRequiredService<TlsRptDiscovery>(), Is.Not.Null);
    }

    [Test]
    public void AddMtaStsReporting_StoreDirectory_UsesTheFileStoreAndTheRegisteredClock()
    {
        string directory = Path.Combine(Path.GetTempPath(), "mtasts-di-" + Guid.NewGuid().ToString("N"));
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));
        try
        {
            using (ServiceProvider provider = new ServiceCollection()
                .AddSingleton<TimeProvider>(clock)
                .AddMtaStsReporting(options =>
                {
                    Valid(options);
                    options.StoreDirectory = directory;
                })
                .BuildServiceProvider())
            {
                Assert.That(provider.GetRequiredService<ITlsReportStore>(), Is.InstanceOf<FileTlsReportStore>());
                provider.GetRequiredService<TlsReportRecorder>().Record(
                    SessionResult.Success(ReportPolicy.NoPolicyFound(MtaSts.Client.Policies.PolicyDomain.Create("example.org"))));
            }

            Assert.That(Directory.GetFiles(directory).Select(Path.GetFileName),
                Is.EqualTo(new[] { "2024-05-01!example.org.json" }), "Disposing the container writes the counts.");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void AddMtaStsReporting_InvalidOptions_NamesEveryProblem()
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddMtaStsReporting(options =>
            {
                options.ContactInfo = "no-at-sign";
                options.MaximumSendDelay = TimeSpan.FromDays(2);
                options.FirstRetryDelay = TimeSpan.Zero;
                options.Limits.MaxFailureDetailsPerPolicy = 0;
                options.Delivery.Timeout = TimeSpan.Zero;
            })
            .BuildServiceProvider();

        var exception = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<TlsReportScheduler>());

        Assert.That(exception!.Message, Does.Contain("OrganizationName")
            .And.Contain("ContactInfo")
            .And.Contain("MaximumSendDelay")
            .And.Contain("FirstRetryDelay")
            .And.Contain("MaxFailureDetailsPerPolicy")
            .And.Contain("Delivery.Timeout"));
    }

    [Test]
    public void Validate_SubmitterDomainOtherThanTheContactDomain_IsAProblem()
    {
        var options = new TlsReportingOptions { SubmitterDomain = "other.example" };
        Valid(options);

        var exception = Assert.Throws<ArgumentException>(options.Validate);

        Assert.That(exception!.Message, Does.Contain("SubmitterDomain"));
        options.SubmitterDomain = "Sender.Example.";
        Assert.DoesNotThrow(options.Validate);
    }
}
