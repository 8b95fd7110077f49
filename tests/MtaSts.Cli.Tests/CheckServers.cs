using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using MtaSts.Testing;

namespace MtaSts.Cli.Tests;

/// <summary>
/// What <c>mtasts check example.com</c> talks to in the tests: a DNS server on loopback holding the
/// <c>_mta-sts</c> record and the Policy Host's address 127.0.0.1, a Policy Host presenting a
/// test PKI certificate for <c>mta-sts.example.com</c>, whose root is written to a PEM file, and
/// the SMTP servers that MX records of a test can point to.
/// </summary>
internal sealed class CheckServers : IAsyncDisposable
{
    public const string Domain = "example.com";
    public const string RecordName = "_mta-sts.example.com";
    public const string PolicyHost = "mta-sts.example.com";
    public const string PolicyId = "20240101T000000";
    public const string Record = "v=STSv1; id=" + PolicyId + ";";

    public const string EnforcePolicy =
        "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmax_age: 604800\r\n";

    public const string TestingPolicy =
        "version: STSv1\r\nmode: testing\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmax_age: 604800\r\n";

    private CheckServers(LoopbackDnsServer dns, PolicyHostServer host, MxServers mx, string rootFile)
    {
        Dns = dns;
        Host = host;
        Mx = mx;
        RootFile = rootFile;
    }

    public LoopbackDnsServer Dns { get; }

    public PolicyHostServer Host { get; }

    public MxServers Mx { get; }

    /// <summary>Gets the PEM file holding the test root, the only root the checks trust.</summary>
    public string RootFile { get; }

    public static async Task<CheckServers> StartAsync()
    {
        string rootFile = Path.Combine(Path.GetTempPath(), $"mtasts-root-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(rootFile, TestPki.Trusted.Root.ExportCertificatePem() + "\n");
        PolicyHostServer host = await PolicyHostServer.StartAsync(
            TestPki.Trusted.Leaf(PolicyHost), Serve(200, "text/plain", EnforcePolicy));
        var servers = new CheckServers(LoopbackDnsServer.Start(), host, await MxServers.StartAsync(), rootFile);
        servers.Reset();
        return servers;
    }

    /// <summary>An answer with this status, media type and body.</summary>
    public static RequestDelegate Serve(int status, string contentType, string body) => async context =>
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    };

    /// <summary>
    /// Back to one valid record, the Policy Host at 127.0.0.1, the enforce policy, no MX record and
    /// SMTP servers that have seen nothing.
    /// </summary>
    public void Reset()
    {
        Host.Reset();
        Mx.Reset();
        Dns.Reset();
        Dns.AddTxt(RecordName, Record);
        Dns.AddAddress(PolicyHost, "127.0.0.1");
    }

    /// <summary>An MX record of <see cref="Domain"/>, and the A record that sends its host to an address.</summary>
    public void AddMx(int preference, string host, string address)
    {
        Dns.AddMx(Domain, preference, host);
        Dns.AddAddress(host, address);
    }

    /// <summary>An MX record of <see cref="Domain"/> whose host is at <paramref name="server"/>.</summary>
    public void AddMx(int preference, string host, LoopbackSmtpServer server) =>
        AddMx(preference, host, MxServers.AddressOf(server));

    /// <summary>
    /// The arguments of a check of <see cref="Domain"/> against these servers, trusting the test
    /// root, with loopback allowed, the MX hosts probed on the test servers' port, and without the MX
    /// probe unless told otherwise.
    /// </summary>
    public string[] CheckArguments(bool allowPrivateAddresses = true, bool noProbe = true, params string[] more)
    {
        var args = new List<string>
        {
            "check", Domain,
            "--dns-server", $"127.0.0.1:{Dns.EndPoint.Port.ToString(CultureInfo.InvariantCulture)}",
            "--trust-root", RootFile,
            "--policy-port", Host.Port.ToString(CultureInfo.InvariantCulture),
            "--smtp-port", Mx.Port.ToString(CultureInfo.InvariantCulture),
        };
        if (allowPrivateAddresses)
        {
            args.Add("--allow-private-addresses");
        }

        if (noProbe)
        {
            args.Add("--no-probe");
        }

        args.AddRange(more);
        return args.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        Dns.Dispose();
        await Host.DisposeAsync();
        await Mx.DisposeAsync();
        File.Delete(RootFile);
    }
}
