using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using NUnit.Framework;

namespace MtaSts.Cli.Tests;

/// <summary>Ctrl+C and SIGTERM end a command with one line and no verdict, never a stack trace.</summary>
[TestFixture]
public sealed class InterruptTests
{
    [Test]
    public async Task Check_InterruptedWhileWaitingForDns_OneLineAndExit130()
    {
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        string server = "127.0.0.1:" + ((IPEndPoint)silent.Client.LocalEndPoint!).Port.ToString(CultureInfo.InvariantCulture);

        ToolRun run = await ToolRun.RunProcessAndInterruptAsync(TimeSpan.FromSeconds(2),
            "check", "example.com", "--dns-server", server, "--timeout", "60", "--no-probe", "--json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Interrupted), run.Error);
        Assert.That(run.Output, Is.Empty);
        Assert.That(run.Error, Is.EqualTo("mtasts: interrupted.\n"));
    }
}
