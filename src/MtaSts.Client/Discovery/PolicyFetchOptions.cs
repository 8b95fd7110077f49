using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;

namespace MtaSts.Client.Discovery;

/// <summary>How policies are fetched from Policy Hosts (RFC 8461 §3.3).</summary>
/// <remarks>
/// <see cref="PolicyFetcher"/> and <see cref="PolicyFetcher.CreateHandler"/> validate and copy the
/// options when they are created; later changes have no effect on them.
/// </remarks>
public sealed class PolicyFetchOptions
{
    /// <summary>The default of <see cref="Timeout"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    // CancellationTokenSource and SocketsHttpHandler take at most this many milliseconds.
    private static readonly TimeSpan s_maxTimeout = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <summary>Gets or sets the time one fetch may take in all: connecting, TLS, headers and body.</summary>
    /// <value>30 seconds. RFC 8461 §3.3 suggests one minute at most.</value>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>
    /// Gets or sets a value indicating whether a response must have the media type <c>text/plain</c>
    /// (RFC 8461 §3.2), compared without case and ignoring parameters.
    /// </summary>
    /// <value><see langword="true"/>. Turn it off only for Policy Hosts known to send another type.</value>
    public bool CheckContentType { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether the Policy Host may be at a loopback, private,
    /// link-local, unique-local or other non-global address.
    /// </summary>
    /// <value>
    /// <see langword="false"/>: such addresses are refused before connecting, so that a published
    /// record cannot make the sender request a resource on its own network. Private deployments and
    /// tests turn it on.
    /// </value>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>
    /// Gets the root certificates a Policy Host's chain must end in. When it holds certificates, only
    /// these are trusted; when it is empty, the platform's trust store is used.
    /// </summary>
    /// <value>Empty: the platform's trust store.</value>
    public X509Certificate2Collection TrustRoots { get; } = [];

    /// <summary>Gets or sets a value indicating whether the revocation of each certificate is checked online.</summary>
    /// <value>
    /// <see langword="false"/>: chains are built offline. RFC 8461 §3.3 makes revocation checks optional.
    /// </value>
    public bool CheckRevocation { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether intermediate certificates that a Policy Host did not
    /// send may be downloaded from the address in its certificate (authority information access).
    /// </summary>
    /// <value><see langword="false"/>: a Policy Host must send its intermediates.</value>
    public bool AllowCertificateDownloads { get; set; }

    /// <summary>
    /// Gets or sets the TCP port connected to in place of 443, so that tests can serve a Policy Host
    /// from a port of their own while the URL, SNI and certificate checks keep the real name.
    /// </summary>
    internal int? ConnectPort { get; set; }

    /// <summary>Checks every option and throws once, naming each one that is wrong.</summary>
    /// <param name="paramName">The name of the argument the options came in.</param>
    /// <exception cref="ArgumentException">At least one option is invalid.</exception>
    internal void Validate(string paramName)
    {
        var problems = new List<string>();
        if (Timeout <= TimeSpan.Zero || Timeout > s_maxTimeout)
        {
            problems.Add($"{nameof(Timeout)} is {Timeout}; it must be more than zero and at most {s_maxTimeout}.");
        }

        if (ConnectPort is < 1 or > 65535)
        {
            problems.Add($"{nameof(ConnectPort)} is {ConnectPort}; it must be a TCP port, 1 to 65535.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(
                "The policy fetch options are invalid: " + string.Join(" ", problems), paramName);
        }
    }

    /// <summary>A copy, so that later changes to these options do not reach a fetcher already made.</summary>
    internal PolicyFetchOptions Clone()
    {
        var copy = new PolicyFetchOptions
        {
            Timeout = Timeout,
            CheckContentType = CheckContentType,
            AllowPrivateAddresses = AllowPrivateAddresses,
            CheckRevocation = CheckRevocation,
            AllowCertificateDownloads = AllowCertificateDownloads,
            ConnectPort = ConnectPort,
        };
        copy.TrustRoots.AddRange(TrustRoots);
        return copy;
    }
}
