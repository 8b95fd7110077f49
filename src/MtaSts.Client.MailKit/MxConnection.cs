using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace MtaSts.Client.MailKit;

/// <summary>
/// Opens the TCP connection to one address of an MX host, so that MailKit never asks the system
/// resolver: every address comes from the same DNS client as the MX and policy lookups.
/// </summary>
internal static class MxConnection
{
    /// <summary>A connected socket, or why there is none; cancellation by the caller is thrown.</summary>
    public static async Task<(Socket? Socket, string? Error)> ConnectAsync(
        IPAddress address,
        int port,
        TimeSpan timeout,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var deadline = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), linked.Token).ConfigureAwait(false);
            return (socket, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            return (null, $"no TCP connection to {Format(address, port)} within {timeout.TotalSeconds:0.###} s");
        }
        catch (SocketException e)
        {
            socket.Dispose();
            return (null, $"no TCP connection to {Format(address, port)}: {e.Message}");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static string Format(IPAddress address, int port) => new IPEndPoint(address, port).ToString();
}
