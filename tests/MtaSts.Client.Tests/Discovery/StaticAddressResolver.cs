using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using MtaSts.Client.Discovery;

namespace MtaSts.Client.Tests.Discovery;

/// <summary>A DNS of fixed answers that records each name it is asked for.</summary>
internal sealed class StaticAddressResolver : IHostAddressResolver
{
    private readonly ConcurrentDictionary<string, IPAddress[]> _names = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the names looked up, in order.</summary>
    public ConcurrentQueue<string> Queries { get; } = new();

    /// <summary>Gets or sets what every lookup throws, as a temporary DNS failure does.</summary>
    public Exception? Failure { get; set; }

    public StaticAddressResolver Map(string hostName, params IPAddress[] addresses)
    {
        _names[hostName] = addresses;
        return this;
    }

    public Task<IReadOnlyList<IPAddress>> ResolveAddressesAsync(string hostName, CancellationToken cancellationToken)
    {
        Queries.Enqueue(hostName);
        if (Failure is not null)
        {
            return Task.FromException<IReadOnlyList<IPAddress>>(Failure);
        }

        IReadOnlyList<IPAddress> addresses = _names.TryGetValue(hostName, out IPAddress[]? found) ? found : [];
        return Task.FromResult(addresses);
    }
}
