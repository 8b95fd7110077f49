using System;
using System.Security.Cryptography.X509Certificates;

namespace MtaSts.Client.Decision;

/// <summary>How MX host certificates are validated (RFC 8461 §4.2).</summary>
/// <remarks><see cref="MxChecker"/> copies the options when it is created; later changes have no effect on it.</remarks>
public sealed class MxCertificateOptions
{
    /// <summary>The default of <see cref="ChainCacheCapacity"/>: 4,096 certificates.</summary>
    public const int DefaultChainCacheCapacity = 4096;

    /// <summary>
    /// Gets the root certificates an MX host's chain must end in. When it holds certificates, only
    /// these are trusted; when it is empty, the platform's trust store is used.
    /// </summary>
    /// <value>Empty: the platform's trust store.</value>
    public X509Certificate2Collection TrustRoots { get; } = [];

    /// <summary>Gets or sets a value indicating whether the revocation of each certificate is checked online.</summary>
    /// <value><see langword="false"/>: chains are built offline. RFC 8461 §4.2 makes revocation checks optional.</value>
    public bool CheckRevocation { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether intermediates that an MX host did not send may be
    /// downloaded from the address in its certificate (authority information access).
    /// </summary>
    /// <value><see langword="false"/>: an MX host must send its intermediates, and checks never wait on the network.</value>
    public bool AllowCertificateDownloads { get; set; }

    /// <summary>
    /// Gets or sets how many certificates whose chain was found trusted are remembered, so that the
    /// next session with the same MX host skips building the chain. A remembered chain holds until
    /// the earliest end of validity in it. Zero turns the cache off.
    /// </summary>
    /// <value><see cref="DefaultChainCacheCapacity"/>. The cache is off while <see cref="CheckRevocation"/> is on.</value>
    public int ChainCacheCapacity { get; set; } = DefaultChainCacheCapacity;

    /// <summary>Checks every option and throws once, naming each one that is wrong.</summary>
    /// <exception cref="ArgumentException">At least one option is invalid.</exception>
    public void Validate()
    {
        if (ChainCacheCapacity < 0)
        {
            throw new ArgumentException(
                $"The MX certificate options are invalid: {nameof(ChainCacheCapacity)} is {ChainCacheCapacity}; "
                + "it must be zero or more.");
        }
    }

    internal MxCertificateOptions Clone()
    {
        var copy = new MxCertificateOptions
        {
            CheckRevocation = CheckRevocation,
            AllowCertificateDownloads = AllowCertificateDownloads,
            ChainCacheCapacity = ChainCacheCapacity,
        };
        copy.TrustRoots.AddRange(TrustRoots);
        return copy;
    }
}
