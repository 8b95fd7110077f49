using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace MtaSts.Client.Discovery;

/// <summary>
/// Opens the TCP connection to a Policy Host for the HTTP handler: looks the name up once, refuses
/// addresses that are not global, and connects to an address it checked, so that a second lookup
/// (DNS rebinding) cannot put another address in its place (project decision 20).
/// </summary>
internal sealed class PolicyHostConnector
{
    private readonly IHostAddressResolver _addressResolver;
    private readonly bool _allowPrivateAddresses;
    private readonly int? _connectPort;

    public PolicyHostConnector(IHostAddressResolver addressResolver, PolicyFetchOptions options)
    {
        _addressResolver = addressResolver;
        _allowPrivateAddresses = options.AllowPrivateAddresses;
        _connectPort = options.ConnectPort;
    }

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        string host = context.DnsEndPoint.Host;
        int port = _connectPort ?? context.DnsEndPoint.Port;

        IReadOnlyList<IPAddress> addresses = await ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        List<IPAddress> allowed = SelectAllowed(host, addresses);

        // One address after another, with no time limit of its own (no Happy Eyeballs): an address
        // that drops packets can use up the whole deadline before the next is tried.
        var failures = new List<string>();
        foreach (IPAddress address in allowed)
        {
            // A machine without IPv6 fails at the socket already; that address is skipped like a refusal.
            Socket? socket = null;
            try
            {
                socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket?.Dispose();
                failures.Add($"{address}: {e.SocketErrorCode}");
            }
            catch
            {
                socket?.Dispose();
                throw;
            }
        }

        throw new PolicyHostException(PolicyFetchFailureReason.Connect,
            $"No connection could be made to {host} port {port} ({string.Join(", ", failures)}).");
    }

    private async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        IReadOnlyList<IPAddress>? addresses;
        try
        {
            addresses = await _addressResolver.ResolveAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // Whatever the resolver throws, the name could not be looked up: a fetch error, never a crash.
            throw new PolicyHostException(PolicyFetchFailureReason.Dns,
                $"The addresses of {host} could not be looked up: {e.Message}", e);
        }

        if (addresses is null || addresses.Count == 0)
        {
            throw new PolicyHostException(PolicyFetchFailureReason.Dns, $"{host} has no AAAA or A record.");
        }

        return addresses;
    }

    private List<IPAddress> SelectAllowed(string host, IReadOnlyList<IPAddress> addresses)
    {
        var allowed = new List<IPAddress>(addresses.Count);
        var refused = new List<IPAddress>();
        foreach (IPAddress? address in addresses)
        {
            if (address is null)
            {
                continue;
            }

            IPAddress plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            (_allowPrivateAddresses || AddressScope.IsGlobal(plain) ? allowed : refused).Add(plain);
        }

        if (allowed.Count == 0 && refused.Count == 0)
        {
            throw new PolicyHostException(PolicyFetchFailureReason.Dns, $"{host} has no AAAA or A record.");
        }

        if (allowed.Count == 0)
        {
            throw new PolicyHostException(PolicyFetchFailureReason.AddressNotAllowed,
                $"{host} is at {string.Join(", ", refused)}, which is not a global address; "
                + $"{nameof(PolicyFetchOptions)}.{nameof(PolicyFetchOptions.AllowPrivateAddresses)} is off.");
        }

        return allowed;
    }
}
