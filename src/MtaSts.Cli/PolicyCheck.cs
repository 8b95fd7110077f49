using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MtaSts.Client.Discovery;
using MtaSts.Client.Resolution;

namespace MtaSts.Cli;

/// <summary>
/// Discovers and fetches a domain's policy as a sender using the library does: through
/// <see cref="MtaStsPolicyResolver"/>, so that the answer is the RFC 8461 §5.1 answer.
/// </summary>
internal static class PolicyCheck
{
    /// <summary>Resolves the policy of <see cref="CheckSettings.Domain"/> with an empty cache.</summary>
    /// <param name="dns">
    /// The DNS client: the TXT lookup and the Policy Host's addresses both go through it, and so
    /// does every later step of the check.
    /// </param>
    /// <param name="settings">The domain, trust roots, address guard and deadline.</param>
    /// <param name="cancellationToken">Stops the check (Ctrl+C); the deadline is in the settings.</param>
    /// <returns>The resolution: the policy that applies, if any, the TXT answer, the failed fetch.</returns>
    public static async Task<PolicyResolution> RunAsync(
        MtaStsDnsClient dns,
        CheckSettings settings,
        CancellationToken cancellationToken)
    {
        PolicyFetchOptions fetchOptions = settings.CreateFetchOptions();

        // The fetcher keeps its own deadline; the client's default 100 s must not cut a longer one short.
        using var httpClient = new HttpClient(PolicyFetcher.CreateHandler(dns, fetchOptions))
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var fetcher = new PolicyFetcher(httpClient, fetchOptions);
        using var store = new MemoryPolicyStore();
        var resolver = new MtaStsPolicyResolver(dns, fetcher, store, settings.CreateResolverOptions());

        return await resolver.ResolveAsync(settings.Domain, cancellationToken).ConfigureAwait(false);
    }
}
