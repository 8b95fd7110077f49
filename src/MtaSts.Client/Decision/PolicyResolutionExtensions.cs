using System.Security.Cryptography.X509Certificates;
using MtaSts.Client.Resolution;

namespace MtaSts.Client.Decision;

/// <summary>The per-MX decision on a resolved policy, with the default <see cref="MxChecker"/>.</summary>
public static class PolicyResolutionExtensions
{
    /// <summary>
    /// Decides whether a message may go to one MX host under the policy a resolution found, checking
    /// certificates against the platform's trust store with <see cref="MxChecker.Default"/>.
    /// </summary>
    /// <param name="resolution">What the resolver answered for the Policy Domain.</param>
    /// <param name="mxHost">The MX host name as the MX record gives it.</param>
    /// <param name="certificate">The certificate the MX host presented, or <see langword="null"/> without TLS.</param>
    /// <param name="chain">The chain the TLS layer built; only a help.</param>
    /// <param name="context">What else is known about the message and the session.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="System.ArgumentNullException">
    /// <paramref name="resolution"/> or <paramref name="mxHost"/> is null.
    /// </exception>
    public static MxDecision CheckMx(
        this PolicyResolution resolution,
        string mxHost,
        X509Certificate2? certificate,
        X509Chain? chain = null,
        MxCheckContext context = default) =>
        MxChecker.Default.CheckMx(resolution, mxHost, certificate, chain, context);
}
