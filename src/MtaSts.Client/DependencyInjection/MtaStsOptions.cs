using MtaSts.Client.Decision;
using MtaSts.Client.Discovery;
using MtaSts.Client.Resolution;

namespace MtaSts.Client;

/// <summary>
/// Every setting of MTA-STS discovery, fetch, caching and the MX decision, as configured through
/// dependency injection.
/// </summary>
public sealed class MtaStsOptions
{
    /// <summary>Gets the DNS settings: servers, timeout, retries.</summary>
    public MtaStsDnsOptions Dns { get; } = new();

    /// <summary>Gets the policy fetch settings: deadline, trust roots, address and media type checks.</summary>
    public PolicyFetchOptions Fetch { get; } = new();

    /// <summary>Gets the cache and re-check settings.</summary>
    public PolicyResolverOptions Resolver { get; } = new();

    /// <summary>Gets how MX host certificates are validated by <see cref="MxChecker"/>.</summary>
    public MxCertificateOptions MxCertificates { get; } = new();
}
