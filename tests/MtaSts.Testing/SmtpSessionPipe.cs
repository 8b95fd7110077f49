using System;
using System.IO;
using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SmtpServer.IO;

namespace MtaSts.Testing;

/// <summary>
/// One SMTP session's connection for <see cref="LoopbackSmtpServer"/>: like the library's own, but
/// its TLS side presents the leaf with its intermediates, records the server name the client
/// asked for, and can break the handshake on purpose.
/// </summary>
internal sealed class SmtpSessionPipe : ISecurableDuplexPipe
{
    private static readonly byte[] s_notTls = Encoding.ASCII.GetBytes("this is not TLS\r\n");

    private readonly TcpClient _client;
    private readonly LoopbackSmtpServer _server;
    private Stream _stream;

    public SmtpSessionPipe(TcpClient client, LoopbackSmtpServer server)
    {
        _client = client;
        _server = server;
        _stream = client.GetStream();
        Input = PipeReader.Create(_stream);
        Output = PipeWriter.Create(_stream);
    }

    public PipeReader Input { get; private set; }

    public PipeWriter Output { get; private set; }

    public bool IsSecure => _stream is SslStream;

    public SslProtocols SslProtocol => (_stream as SslStream)?.SslProtocol ?? SslProtocols.None;

    /// <summary>Gets the server name the client sent in its TLS ClientHello, once it did.</summary>
    public string? ServerName { get; private set; }

    public async Task UpgradeAsync(
        X509Certificate certificate,
        SslProtocols protocols,
        CancellationToken cancellationToken = default)
    {
        if (_server.FailHandshake || _server.Certificate is not { } serverCertificate)
        {
            await _stream.WriteAsync(s_notTls, cancellationToken);
            throw new AuthenticationException("The test server breaks every TLS handshake.");
        }

        var ssl = new SslStream(_stream, leaveInnerStreamOpen: true);
        try
        {
            await ssl.AuthenticateAsServerAsync(
                (_, hello, _, _) =>
                {
                    ServerName = hello.ServerName;
                    _server.ServerNames.Enqueue(hello.ServerName);
                    return ValueTask.FromResult(new SslServerAuthenticationOptions
                    {
                        ServerCertificateContext = serverCertificate.Context,
                        ClientCertificateRequired = false,
                    });
                },
                null,
                cancellationToken);
        }
        catch
        {
            await ssl.DisposeAsync();
            throw;
        }

        _stream = ssl;
        Input = PipeReader.Create(_stream);
        Output = PipeWriter.Create(_stream);
    }

    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }
}
