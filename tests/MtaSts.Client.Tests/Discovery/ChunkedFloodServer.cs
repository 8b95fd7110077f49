using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MtaSts.Testing;

namespace MtaSts.Client.Tests.Discovery;

/// <summary>
/// A hostile Policy Host written by hand over TLS: it answers one request with 200, <c>text/plain</c>
/// and a chunked body of a given size, and counts the bytes the connection accepted before the
/// client went away. Kestrel cannot measure this: once a client leaves, it drops further writes
/// without saying so. A small send buffer keeps what the kernel absorbs well below the body size.
/// </summary>
internal sealed class ChunkedFloodServer : IDisposable
{
    private const int ChunkSize = 8192;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ServerCertificate _certificate;
    private readonly long _totalBytes;

    public ChunkedFloodServer(ServerCertificate certificate, long totalBytes)
    {
        _certificate = certificate;
        _totalBytes = totalBytes;
        _listener.Start();
        Finished = ServeOneAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Gets the body bytes written before the connection ended, once it has.</summary>
    public Task<long> Finished { get; }

    /// <summary>Gets a value indicating whether the whole body was written.</summary>
    public bool Completed { get; private set; }

    public void Dispose() => _listener.Dispose();

    private async Task<long> ServeOneAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using Socket socket = await _listener.AcceptSocketAsync(timeout.Token);
        socket.SendBufferSize = 65536;
        await using var ssl = new SslStream(new NetworkStream(socket, ownsSocket: false));
        await ssl.AuthenticateAsServerAsync(
            new SslServerAuthenticationOptions { ServerCertificateContext = _certificate.Context }, timeout.Token);
        await ReadRequestHeadAsync(ssl, timeout.Token);

        byte[] chunk = Encoding.ASCII.GetBytes($"{ChunkSize:x}\r\n" + new string('a', ChunkSize) + "\r\n");
        long written = 0;
        try
        {
            byte[] head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"u8.ToArray();
            await ssl.WriteAsync(head, timeout.Token);
            while (written < _totalBytes)
            {
                await ssl.WriteAsync(chunk, timeout.Token);
                written += ChunkSize;
            }

            await ssl.WriteAsync("0\r\n\r\n"u8.ToArray(), timeout.Token);
            Completed = true;
        }
        catch (IOException)
        {
            // The client closed the connection: what the test expects.
        }

        return written;
    }

    private static async Task ReadRequestHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }
}
