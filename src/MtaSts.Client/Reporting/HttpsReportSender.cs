using System;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using MtaSts.Client.Discovery;

namespace MtaSts.Client.Reporting;

/// <summary>
/// Posts TLS reports to <c>https:</c> destinations (RFC 8460 §5.4): the gzip-compressed report as
/// <c>application/tlsrpt+gzip</c>; any 2xx status means accepted.
/// </summary>
/// <remarks>
/// Safe for concurrent use. Give it an <see cref="HttpClient"/> over <see cref="CreateHandler"/>
/// (also as <c>ConfigurePrimaryHttpMessageHandler</c> of an <c>IHttpClientFactory</c> client):
/// a handler that follows redirects would turn the POST into a GET.
/// </remarks>
public sealed class HttpsReportSender
{
    /// <summary>The media type of a compressed report (RFC 8460 §6.5).</summary>
    public const string GzipMediaType = "application/tlsrpt+gzip";

    private readonly HttpClient _httpClient;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="HttpsReportSender"/> class.</summary>
    /// <param name="httpClient">The client to post with.</param>
    /// <param name="options">The deadline of one POST; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock of the deadline; <see langword="null"/> for the system clock.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid.</exception>
    public HttpsReportSender(HttpClient httpClient, ReportDeliveryOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        options ??= new ReportDeliveryOptions();
        options.Validate(nameof(options));

        _httpClient = httpClient;
        _timeout = options.Timeout;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Makes the primary HTTP handler for report delivery, for an <see cref="HttpClient"/> of one's own
    /// or for <c>IHttpClientFactory</c>.
    /// </summary>
    /// <param name="addressResolver">Looks up the receiver's addresses; each connection uses one lookup.</param>
    /// <param name="options">The delivery options; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">
    /// The clock certificates are checked against; <see langword="null"/> for the system clock.
    /// </param>
    /// <returns>
    /// A handler that follows no redirects and uses no proxy or cookies; connects only to an address it
    /// looked up and checked (non-global addresses refused unless allowed); speaks TLS 1.2 or later;
    /// and, unless certificate errors are ignored, accepts only a certificate that chains to a trusted
    /// root and names the host in a subjectAltName DNS-ID.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="addressResolver"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid.</exception>
    public static SocketsHttpHandler CreateHandler(
        IHostAddressResolver addressResolver,
        ReportDeliveryOptions? options = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(addressResolver);
        options ??= new ReportDeliveryOptions();
        options.Validate(nameof(options));

        // The Policy Host's connector and certificate check serve a report receiver just as well.
        var fetchOptions = new PolicyFetchOptions
        {
            Timeout = options.Timeout,
            AllowPrivateAddresses = options.AllowPrivateAddresses,
        };
        fetchOptions.TrustRoots.AddRange(options.TrustRoots);
        var connector = new PolicyHostConnector(addressResolver, fetchOptions);
        var validator = new PolicyHostCertificateValidator(fetchOptions, timeProvider ?? TimeProvider.System);
#pragma warning disable CA5359 // AcceptAny is chosen only by IgnoreCertificateErrors.
        RemoteCertificateValidationCallback validate = options.IgnoreCertificateErrors ? AcceptAny : validator.Validate;
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            PreAuthenticate = false,
            Credentials = null,
            ConnectTimeout = options.Timeout,
            ConnectCallback = connector.ConnectAsync,
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                CertificateChainPolicy = validator.CreateChainPolicy(),
                RemoteCertificateValidationCallback = validate,
            },
        };
#pragma warning restore CA5359
    }

    // RFC 8460 §3 lets submitters post despite certificate errors; only an explicit option gets here.
    private static bool AcceptAny(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        true;

    /// <summary>Posts one report to one <c>https:</c> destination.</summary>
    /// <param name="destination">The destination.</param>
    /// <param name="payload">The report.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>Delivered for a 2xx status; failed for any other status, a redirect, or no answer.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not an <c>https:</c> destination.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public async Task<ReportDeliveryResult> SendAsync(
        ReportDestination destination,
        TlsReportPayload payload,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(payload);
        if (!destination.IsHttps)
        {
            throw new ArgumentException($"'{destination}' is not an https: destination.", nameof(destination));
        }

        using var deadline = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var content = new ReadOnlyMemoryContent(payload.Gzip);
        content.Headers.ContentType = new MediaTypeHeaderValue(GzipMediaType);
        using var request = new HttpRequestMessage(HttpMethod.Post, destination.Uri) { Content = content };
        try
        {
            using HttpResponseMessage response = await _httpClient
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token)
                .ConfigureAwait(false);
            int status = (int)response.StatusCode;
            string answer = string.Create(CultureInfo.InvariantCulture, $"{destination.Uri.Host} answered {status}");
            return status is >= 200 and < 300
                ? ReportDeliveryResult.Delivered(answer + ".", response.StatusCode)
                : ReportDeliveryResult.Failed(answer + "; only 2xx is a success.", response.StatusCode);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return ReportDeliveryResult.Failed(
                string.Create(CultureInfo.InvariantCulture, $"{destination.Uri.Host} did not answer within {_timeout}."));
        }
        catch (HttpRequestException e)
        {
            string reason = e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message;
            return ReportDeliveryResult.Failed($"Posting to {destination.Uri.Host} failed: {reason}");
        }
    }
}
