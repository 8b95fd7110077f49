using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MtaSts.Client.Discovery;

/// <summary>Finds the addresses of a host name in the DNS.</summary>
public interface IHostAddressResolver
{
    /// <summary>Looks up the AAAA and A records of a host name.</summary>
    /// <param name="hostName">The host name, such as <c>mta-sts.example.com</c>.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The IPv6 and IPv4 addresses of the host; empty when the name has none.</returns>
    /// <remarks>A temporary failure (a timeout, SERVFAIL) is thrown, as whatever exception the lookup raises.</remarks>
    public Task<IReadOnlyList<System.Net.IPAddress>> ResolveAddressesAsync(string hostName, CancellationToken cancellationToken);
}
