using System;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MtaSts.Client.Decision;
using MtaSts.Client.Discovery;
using MtaSts.Client.MailKit;
using MtaSts.Client.Reporting;
using MtaSts.Client.Resolution;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the mailing of TLS reports (RFC 8460 §5.3) with MailKit.</summary>
public static class MtaStsReportMailServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="TlsReportMailer"/> as a singleton and as the <see cref="ITlsReportMailer"/>
    /// that <see cref="TlsReportScheduler"/> mails <c>mailto:</c> destinations with. It sends through an
    /// <see cref="MtaStsSmtpSender"/> of its own over the registered <see cref="MtaStsPolicyResolver"/>,
    /// <see cref="MtaStsDnsClient"/> and <see cref="MxChecker"/>, with <see cref="TlsReportMailOptions.Smtp"/>.
    /// Call <c>AddMtaSts</c> and <c>AddMtaStsReporting</c> as well, in any order.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">
    /// Sets the options. They are validated once, when the mailer is first created, together with
    /// <see cref="TlsReportingOptions.ContactInfo"/>: <see cref="TlsReportMailOptions.SubmitterDomain"/>
    /// defaults to its domain and must otherwise equal it. Every problem is named in one exception.
    /// </param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddMtaStsReportMail(
        this IServiceCollection services,
        Action<TlsReportMailOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<TlsReportMailOptions>().Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(CreateMailer);
        services.TryAddSingleton<ITlsReportMailer>(provider => provider.GetRequiredService<TlsReportMailer>());
        return services;
    }

    private static TlsReportMailer CreateMailer(IServiceProvider provider)
    {
        TlsReportMailOptions options = provider.GetRequiredService<IOptions<TlsReportMailOptions>>().Value;
        string? contactInfo = provider.GetRequiredService<IOptions<TlsReportingOptions>>().Value.ContactInfo;
        TimeProvider time = provider.GetRequiredService<TimeProvider>();
        return new TlsReportMailer(
            smtp => new MtaStsSmtpSender(
                provider.GetRequiredService<MtaStsPolicyResolver>(),
                provider.GetRequiredService<MtaStsDnsClient>(),
                provider.GetRequiredService<MxChecker>(),
                smtp,
                time,
                provider.GetService<ILogger<MtaStsSmtpSender>>()),
            options,
            contactInfo,
            time,
            provider.GetService<ILogger<TlsReportMailer>>());
    }
}
