using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;

namespace MtaSts.Testing;

/// <summary>
/// Hands the SMTP library the listener <see cref="LoopbackSmtpServer"/> bound itself, so that a
/// port already taken fails at start and every session gets a <see cref="SmtpSessionPipe"/>.
/// </summary>
internal sealed class SmtpListenerFactory : IEndpointListenerFactory, IEndpointListener
{
    private readonly TcpListener _listener;
    private readonly LoopbackSmtpServer _server;

    public SmtpListenerFactory(TcpListener listener, LoopbackSmtpServer server)
    {
        _listener = listener;
        _server = server;
    }

    public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition) => this;

    public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
    {
        TcpClient client = await _listener.AcceptTcpClientAsync(cancellationToken);
        _server.Accepted();
        return new SmtpSessionPipe(client, _server);
    }

    public void Dispose() => _listener.Stop();
}
