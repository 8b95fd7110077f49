using System;
using System.Diagnostics.Metrics;
using System.Net.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MtaSts.Client;
using MtaSts.Client.Decision;
using MtaSts.Client.Discovery;
using MtaSts.Client.Resolution;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers MTA-STS policy resolution with dependency injection.</summary>
public static class MtaStsServiceCollectionExtensions
{
    /// <summary>The name of the policy fetcher's <see cref="HttpClient"/> in <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "MtaSts.PolicyFetch";

    /// <summary>
    /// Registers <see cref="MtaStsPolicyResolver"/> and what it needs as singletons: the DNS client,
    /// the policy fetcher (its <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/> with the
    /// handler <see cref="PolicyFetcher.CreateHandler"/> builds), an <see cref="IPolicyStore"/>
    /// (<see cref="MemoryPolicyStore"/> over the registered <see cref="IMemoryCache"/> unless one is
    /// registered already), the <see cref="MxChecker"/> for per-MX decisions, and
    /// <see cref="TimeProvider.System"/> unless a clock is registered.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options; they are validated when the resolver is first created.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddMtaSts(this IServiceCollection services, Action<MtaStsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        OptionsBuilder<MtaStsOptions> options = services.AddOptions<MtaStsOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(Validate);
        services.AddMemoryCache();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPolicyStore>(provider => new MemoryPolicyStore(provider.GetRequiredService<IMemoryCache>()));
        services.TryAddSingleton(provider => new MtaStsDnsClient(Options(provider).Dns));
        services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => PolicyFetcher.CreateHandler(
                provider.GetRequiredService<MtaStsDnsClient>(),
                Options(provider).Fetch,
                provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => new PolicyFetcher(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            Options(provider).Fetch,
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => new MtaStsPolicyResolver(
            provider.GetRequiredService<MtaStsDnsClient>(),
            provider.GetRequiredService<PolicyFetcher>(),
            provider.GetRequiredService<IPolicyStore>(),
            Options(provider).Resolver,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<MtaStsPolicyResolver>>(),
            provider.GetService<IMeterFactory>()));
        services.TryAddSingleton(provider => new MxChecker(
            Options(provider).MxCertificates,
            provider.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// Registers a hosted service that renews cached policies ahead of their expiry by calling
    /// <see cref="MtaStsPolicyResolver.RefreshAsync(TimeSpan, System.Threading.CancellationToken)"/>
    /// every <see cref="PolicyRefreshOptions.Interval"/> (RFC 8461 §3.3). Call <see cref="AddMtaSts"/> as well.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the schedule; validated when the service is created.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddMtaStsPolicyRefresh(
        this IServiceCollection services,
        Action<PolicyRefreshOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = new PolicyRefreshOptions();
        configure?.Invoke(options);
        services.AddHostedService(provider => new PolicyRefreshService(
            provider.GetRequiredService<MtaStsPolicyResolver>(),
            options,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<PolicyRefreshService>>()));
        return services;
    }

    private static MtaStsOptions Options(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<MtaStsOptions>>().Value;

    private static bool Validate(MtaStsOptions options)
    {
        // Each part throws with every problem it has, naming the property.
        options.Dns.Validate();
        options.Fetch.Validate(nameof(MtaStsOptions.Fetch));
        options.Resolver.Validate();
        options.MxCertificates.Validate();
        return true;
    }
}
