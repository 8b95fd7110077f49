using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Discovery;

/// <summary>
/// Fetches a domain's MTA-STS policy from its Policy Host over HTTPS (RFC 8461 §3.2, §3.3) and reads
/// it, reporting every failure of the peer as a <see cref="PolicyFetchResult"/> rather than an exception.
/// </summary>
/// <remarks>
/// The checks RFC 8461 requires of the connection (the Policy Host's certificate and name, no
/// redirects, no proxy, the address guard) live in the handler <see cref="CreateHandler"/> makes;
/// the <see cref="HttpClient"/> given to the constructor should be built on it. With another
/// handler the platform's certificate checks apply and failures are reported with less detail.
/// One instance serves any number of concurrent fetches.
/// </remarks>
public sealed partial class PolicyFetcher
{
    private readonly HttpClient _httpClient;
    private readonly PolicyFetchOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance of the <see cref="PolicyFetcher"/> class.</summary>
    /// <param name="httpClient">
    /// The client to send requests with, built on a handler from <see cref="CreateHandler"/>. The
    /// fetcher does not dispose it.
    /// </param>
    /// <param name="options">The fetch options; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for the deadline; <see langword="null"/> for the system clock.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> holds an invalid value.</exception>
    public PolicyFetcher(HttpClient httpClient, PolicyFetchOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);

        _httpClient = httpClient;
        _options = ValidatedCopy(options, nameof(options));
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Fetches and reads the policy of a domain from <see cref="PolicyDomain.PolicyUri"/>.</summary>
    /// <param name="policyDomain">The Policy Domain.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>The policy, or why none was fetched; never an exception for what the peer does.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policyDomain"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public async Task<PolicyFetchResult> FetchAsync(
        PolicyDomain policyDomain,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policyDomain);
        cancellationToken.ThrowIfCancellationRequested();

        // One deadline for everything: the lookup, connecting, TLS, the headers and the whole body.
        using var deadline = new CancellationTokenSource(_options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await FetchCoreAsync(policyDomain, linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException
            or InvalidDataException)
        {
            cancellationToken.ThrowIfCancellationRequested();

            if (deadline.IsCancellationRequested)
            {
                return PolicyFetchResult.FetchError(policyDomain, PolicyFetchFailureReason.Timeout,
                    $"{policyDomain.PolicyUri} did not answer in full within {_options.Timeout.TotalSeconds:0.###} s.");
            }

            // Any other cancellation is the HTTP client's own Timeout, shorter than the deadline.
            return e is OperationCanceledException
                ? PolicyFetchResult.FetchError(policyDomain, PolicyFetchFailureReason.Timeout,
                    $"{policyDomain.PolicyUri} did not answer within the HTTP client's timeout.")
                : Describe(policyDomain, e);
        }
    }

    private async Task<PolicyFetchResult> FetchCoreAsync(PolicyDomain policyDomain, CancellationToken cancellationToken)
    {
        Uri uri = policyDomain.PolicyUri;

        // HTTP/1.1 and no cache or conditional headers: each fetch is a full GET (RFC 8461 §3.3).
        using var request = new HttpRequestMessage(HttpMethod.Get, uri)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        using HttpResponseMessage response = await _httpClient
            .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);

        HttpStatusCode status = response.StatusCode;
        if (response.RequestMessage?.RequestUri is Uri answered && answered != uri)
        {
            // Only a handler not made by CreateHandler follows redirects; the answer is not the policy.
            return PolicyFetchResult.FetchError(policyDomain, PolicyFetchFailureReason.Redirect,
                $"{uri} was redirected to {Shorten(answered.OriginalString)}; "
                + "redirects are never followed (RFC 8461 §3.3).",
                status);
        }

        if ((int)status is >= 300 and <= 399 && status != HttpStatusCode.NotModified)
        {
            string location = Shorten(response.Headers.Location?.OriginalString ?? "nowhere");
            return PolicyFetchResult.FetchError(policyDomain, PolicyFetchFailureReason.Redirect,
                $"{uri} answered {(int)status} redirecting to {location}; redirects are never followed (RFC 8461 §3.3).",
                status);
        }

        if (status != HttpStatusCode.OK)
        {
            return PolicyFetchResult.FetchError(policyDomain, PolicyFetchFailureReason.Status,
                $"{uri} answered {(int)status} {Shorten(response.ReasonPhrase ?? string.Empty)}; "
                + "only 200 is a policy (RFC 8461 §3.3).",
                status);
        }

        MediaTypeHeaderValue? contentType = response.Content.Headers.ContentType;
        if (_options.CheckContentType && !IsPlainText(contentType))
        {
            string sent = contentType?.MediaType is string mediaType ? $"'{Shorten(mediaType)}'" : "no media type";
            return PolicyFetchResult.PolicyInvalid(policyDomain, PolicyFetchFailureReason.ContentType,
                $"{uri} sent {sent}; a policy is sent as text/plain (RFC 8461 §3.2).", parseResult: null);
        }

        return await ReadPolicyAsync(policyDomain, response.Content, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<PolicyFetchResult> ReadPolicyAsync(
        PolicyDomain policyDomain,
        HttpContent content,
        CancellationToken cancellationToken)
    {
        const int limit = PolicyParser.MaxBodyLength;

        // Content-Length is not trusted: the decoded bytes are counted as they arrive, and reading
        // stops at the first byte past the limit, so no more than one byte over is ever held.
        Stream body = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(limit + 1);
        try
        {
            int length = 0;
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(length, limit + 1 - length), cancellationToken)
                .ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length > limit)
                {
                    return PolicyFetchResult.FetchError(policyDomain, PolicyFetchFailureReason.TooLarge,
                        $"The body of {policyDomain.PolicyUri} is larger than {limit} bytes; reading stopped there.",
                        HttpStatusCode.OK);
                }
            }

            PolicyParseResult parsed = PolicyParser.Parse(buffer.AsSpan(0, length));
            if (parsed.IsValid)
            {
                return PolicyFetchResult.Fetched(policyDomain, parsed);
            }

            ParseDiagnostic first = parsed.Errors[0];
            string line = first.Line is int number ? $" (line {number})" : string.Empty;
            return PolicyFetchResult.PolicyInvalid(policyDomain, PolicyFetchFailureReason.Parse,
                $"The body of {policyDomain.PolicyUri} is not a valid policy: {first.Message}{line}", parsed);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsPlainText(MediaTypeHeaderValue? contentType) =>
        string.Equals(contentType?.MediaType, "text/plain", StringComparison.OrdinalIgnoreCase);

    private static PolicyFetchResult Describe(PolicyDomain policyDomain, Exception exception)
    {
        for (Exception? inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is PolicyHostException refused)
            {
                return PolicyFetchResult.Failed(policyDomain, refused.Reason, refused.Message);
            }
        }

        PolicyFetchFailureReason reason = exception is HttpRequestException request
            ? request.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => PolicyFetchFailureReason.Dns,
                HttpRequestError.ConnectionError => PolicyFetchFailureReason.Connect,
                HttpRequestError.SecureConnectionError => PolicyFetchFailureReason.Tls,
                _ => PolicyFetchFailureReason.Protocol,
            }
            : PolicyFetchFailureReason.Protocol;
        string detail = exception.InnerException is Exception cause
            ? $"{exception.Message} {cause.Message}"
            : exception.Message;
        return PolicyFetchResult.FetchError(policyDomain, reason, $"Fetching {policyDomain.PolicyUri} failed: {detail}");
    }

    private static string Shorten(string text) =>
        text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");

    private static PolicyFetchOptions ValidatedCopy(PolicyFetchOptions? options, string paramName)
    {
        PolicyFetchOptions copy = (options ?? new PolicyFetchOptions()).Clone();
        copy.Validate(paramName);
        return copy;
    }
}
