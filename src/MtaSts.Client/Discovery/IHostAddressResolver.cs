using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace MtaSts.Client.Discovery;

/// <summary>Finds the IP addresses of a host, such as the Policy Host <c>mta-sts.&lt;domain&gt;</c>.</summary>
public interface IHostAddressResolver
{
    /// <summary>Looks up the AAAA and A records of a host.</summary>
    /// <param name="hostName">The host name, for example <c>mta-sts.example.com</c>.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>
    /// The IPv6 addresses (AAAA), then the IPv4 addresses (A); an empty list when the name does not
    /// exist or has neither kind of record.
    /// </returns>
    /// <exception cref="System.ArgumentException">
    /// <paramref name="hostName"/> is null, empty or white space.
    /// </exception>
    /// <exception cref="DnsResolutionException">
    /// DNS failed temporarily (a server answered SERVFAIL or REFUSED, or none answered in time), so
    /// whether the host has addresses is unknown.
    /// </exception>
    /// <exception cref="System.OperationCanceledException">
    /// <paramref name="cancellationToken"/> was canceled.
    /// </exception>
    Task<IReadOnlyList<IPAddress>> ResolveAddressesAsync(string hostName, CancellationToken cancellationToken);
}
