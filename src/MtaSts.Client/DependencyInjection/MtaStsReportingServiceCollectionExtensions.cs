using System;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MtaSts.Client;
using MtaSts.Client.Discovery;
using MtaSts.Client.Reporting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SMTP TLS Reporting (RFC 8460) with dependency injection.</summary>
public static class MtaStsReportingServiceCollectionExtensions
{
    /// <summary>The name of the report delivery's <see cref="HttpClient"/> in <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "MtaSts.ReportDelivery";

    /// <summary>
    /// Registers TLS reporting as singletons: the <see cref="TlsReportRecorder"/> to call after each
    /// session, an <see cref="ITlsReportStore"/> (a <see cref="FileTlsReportStore"/> when
    /// <see cref="TlsReportingOptions.StoreDirectory"/> is set, else a <see cref="MemoryTlsReportStore"/>,
    /// unless a store is registered already), the <see cref="TlsRptDiscovery"/> over the
    /// <see cref="MtaStsDnsClient"/>, the <see cref="HttpsReportSender"/> (its <see cref="HttpClient"/>
    /// from <see cref="IHttpClientFactory"/> with the handler <see cref="HttpsReportSender.CreateHandler"/>
    /// builds), and the <see cref="TlsReportScheduler"/> as a hosted service. A registered
    /// <see cref="ITlsReportMailer"/> is used for <c>mailto:</c> destinations.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options; they are validated when the first service is created.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddMtaStsReporting(
        this IServiceCollection services,
        Action<TlsReportingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<TlsReportingOptions>().Configure(configure).Validate(Validate);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider =>
            new MtaStsDnsClient(provider.GetRequiredService<IOptions<MtaStsOptions>>().Value.Dns));
        services.TryAddSingleton(provider => new TlsRptDiscovery(provider.GetRequiredService<MtaStsDnsClient>()));
        services.TryAddSingleton(CreateStore);
        services.TryAddSingleton(provider => new TlsReportRecorder(
            provider.GetRequiredService<ITlsReportStore>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<TlsReportRecorder>>(),
            provider.GetService<IMeterFactory>()));
        services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => HttpsReportSender.CreateHandler(
                provider.GetRequiredService<MtaStsDnsClient>(),
                Options(provider).Delivery,
                provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => new HttpsReportSender(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            Options(provider).Delivery,
            provider.GetRequiredService<TimeProvider>()));
        if (!services.Any(descriptor => descriptor.ServiceType == typeof(TlsReportScheduler)))
        {
            services.AddSingleton(provider => new TlsReportScheduler(
                provider.GetRequiredService<ITlsReportStore>(),
                provider.GetRequiredService<TlsRptDiscovery>(),
                provider.GetRequiredService<HttpsReportSender>(),
                Options(provider),
                provider.GetService<ITlsReportMailer>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetService<ILogger<TlsReportScheduler>>(),
                provider.GetService<IMeterFactory>()));
            services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<TlsReportScheduler>());
        }

        return services;
    }

    private static ITlsReportStore CreateStore(IServiceProvider provider)
    {
        TlsReportingOptions options = Options(provider);
        return options.StoreDirectory is { } directory
            ? new FileTlsReportStore(
                directory,
                options.Limits,
                options.StoreFlushInterval,
                provider.GetRequiredService<TimeProvider>(),
                provider.GetService<ILogger<FileTlsReportStore>>())
            : new MemoryTlsReportStore(options.Limits);
    }

    private static TlsReportingOptions Options(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<TlsReportingOptions>>().Value;

    private static bool Validate(TlsReportingOptions options)
    {
        // Throws with every problem, naming each property.
        options.Validate();
        return true;
    }
}
