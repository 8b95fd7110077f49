using System.Threading.Tasks;
using NUnit.Framework;

namespace MtaSts.Client.MailKit.Tests;

/// <summary>Starts the loopback servers once for every fixture, and stops them at the end.</summary>
[SetUpFixture]
public sealed class LoopbackSetUp
{
    private static MailLoopback? s_loopback;

    /// <summary>Gets the servers, once started.</summary>
    public static MailLoopback Loopback => s_loopback ?? throw new System.InvalidOperationException("Not started.");

    [OneTimeSetUp]
    public async Task StartAsync() => s_loopback = await MailLoopback.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (s_loopback is not null)
        {
            await s_loopback.DisposeAsync();
        }
    }
}
