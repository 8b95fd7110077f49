using System;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Authentication;

namespace MtaSts.Client.Discovery;

public sealed partial class PolicyFetcher
{
    /// <summary>
    /// Makes the primary HTTP handler for policy fetches, for an <see cref="HttpClient"/> of one's own
    /// or for <c>IHttpClientFactory</c> (<c>ConfigurePrimaryHttpMessageHandler</c>).
    /// </summary>
    /// <param name="addressResolver">Looks up the Policy Host's addresses; each connection uses one lookup.</param>
    /// <param name="options">The fetch options; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">
    /// The clock certificates are checked against; <see langword="null"/> for the system clock.
    /// </param>
    /// <returns>
    /// A handler that follows no redirects and uses no proxy, cookies or credentials; decodes gzip,
    /// deflate and Brotli bodies; connects only to an address it looked up and checked; speaks TLS
    /// 1.2 or later with the Policy Host as SNI; and accepts only a certificate that chains to a
    /// trusted root and has a subjectAltName DNS-ID for the Policy Host (RFC 8461 §3.3, §7).
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="addressResolver"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> holds an invalid value.</exception>
    public static SocketsHttpHandler CreateHandler(
        IHostAddressResolver addressResolver,
        PolicyFetchOptions? options = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(addressResolver);
        PolicyFetchOptions checkedOptions = ValidatedCopy(options, nameof(options));

        var connector = new PolicyHostConnector(addressResolver, checkedOptions);
        var validator = new PolicyHostCertificateValidator(checkedOptions, timeProvider ?? TimeProvider.System);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            PreAuthenticate = false,
            Credentials = null,
            // The body limit counts decoded bytes, so a small compressed body cannot expand past it.
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = checkedOptions.Timeout,
            // A response abandoned at the size limit closes the connection instead of being read on.
            MaxResponseDrainSize = 0,
            ResponseDrainTimeout = TimeSpan.Zero,
            ConnectCallback = connector.ConnectAsync,
            SslOptions = new SslClientAuthenticationOptions
            {
                // RFC 8461 §7.2: TLS 1.2 or later.
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                CertificateChainPolicy = validator.CreateChainPolicy(),
                RemoteCertificateValidationCallback = validator.Validate,
            },
        };
    }
}
