using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;
using ParseResult = System.CommandLine.ParseResult;

namespace MtaSts.Cli;

/// <summary>
/// <c>mtasts check &lt;domain&gt; [--dns-server ADDR[:PORT]]... [--trust-root FILE.pem]...
/// [--allow-private-addresses] [--timeout SECONDS] [--no-probe] [--json]</c>: discovers and
/// fetches a domain's policy as a sender would, and shows the record, the outcome and the policy.
/// </summary>
internal sealed class CheckCommand : Command
{
    private const int MaxTimeoutSeconds = 3600;

    private readonly Argument<PolicyDomain> _domain = new("domain")
    {
        Description = "The Policy Domain: the recipient domain, or a smart host's domain.",
        CustomParser = ParseDomain,
    };

    private readonly Option<IPEndPoint[]> _dnsServers = new("--dns-server")
    {
        Description = "A DNS server to ask instead of the system's resolvers, such as 192.0.2.53, "
            + "192.0.2.53:5353, 2001:db8::53 or [2001:db8::53]:5353; repeat for several, in order of "
            + "preference.",
        HelpName = "addr[:port]",
        CustomParser = ParseDnsServers,
    };

    private readonly Option<string[]> _trustRoots = new("--trust-root")
    {
        Description = "A PEM file of root certificates the Policy Host must chain to, instead of the "
            + "system's trust store; repeat for several.",
        HelpName = "file.pem",
    };

    private readonly Option<bool> _allowPrivateAddresses = new("--allow-private-addresses")
    {
        Description = "Fetch the policy even when the Policy Host is at a loopback, private or other "
            + "non-global address (refused by default).",
    };

    private readonly Option<TimeSpan?> _timeout = new("--timeout")
    {
        Description = "The deadline for the whole check, DNS and HTTPS together, in seconds (default 30).",
        HelpName = "seconds",
        CustomParser = ParseTimeout,
    };

    private readonly Option<bool> _noProbe = new("--no-probe")
    {
        Description = "Do not connect to the MX hosts.",
    };

    // A test Policy Host listens on a port of its own; the URL, SNI and names checked stay the real ones.
    private readonly Option<int?> _policyPort = new("--policy-port")
    {
        Hidden = true,
        CustomParser = ParsePort,
    };

    private readonly Option<bool> _json = LintOptions.CreateJson();

    /// <summary>Initializes a new instance of the <see cref="CheckCommand"/> class.</summary>
    public CheckCommand()
        : base("check", "Discover and fetch a domain's MTA-STS policy as a sender would (RFC 8461 §3, §5).")
    {
        Add(_domain);
        Add(_dnsServers);
        Add(_trustRoots);
        Add(_allowPrivateAddresses);
        Add(_timeout);
        Add(_noProbe);
        Add(_policyPort);
        Add(_json);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        TextWriter error = parseResult.InvocationConfiguration.Error;
        var trustRoots = new X509Certificate2Collection();
        foreach (string path in parseResult.GetValue(_trustRoots) ?? [])
        {
            X509Certificate2Collection? certificates =
                await TrustRootFile.ReadAsync(path, error, cancellationToken).ConfigureAwait(false);
            if (certificates is null)
            {
                return ExitCodes.Usage;
            }

            trustRoots.AddRange(certificates);
        }

        var settings = new CheckSettings(
            parseResult.GetRequiredValue(_domain),
            parseResult.GetValue(_dnsServers) ?? [],
            trustRoots,
            parseResult.GetValue(_allowPrivateAddresses),
            parseResult.GetValue(_timeout) ?? CheckSettings.DefaultTimeout,
            parseResult.GetValue(_policyPort));

        var dns = new MtaStsDnsClient(settings.CreateDnsOptions());
        PolicyResolution resolution =
            await PolicyCheck.RunAsync(dns, settings, cancellationToken).ConfigureAwait(false);

        // Probing the MX hosts (STARTTLS, their certificates) is missing until the certificate checks exist.
        MxProbeStatus probe = parseResult.GetValue(_noProbe) ? MxProbeStatus.Skipped : MxProbeStatus.NotAvailable;
        var report = new CheckReport(resolution, probe);
        if (report.NoServerAnswered)
        {
            string reason = report.Record.Reason.ReplaceLineEndings(" ");
            await error.WriteLineAsync($"mtasts: no DNS server answered: {reason}").ConfigureAwait(false);
            return ExitCodes.NoAnswer;
        }

        TextWriter output = parseResult.InvocationConfiguration.Output;
        if (parseResult.GetValue(_json))
        {
            CheckJsonOutput.Write(output, report);
        }
        else
        {
            CheckTextOutput.Write(output, report);
        }

        return ExitCodes.Checked;
    }

    private static PolicyDomain? ParseDomain(ArgumentResult result)
    {
        string text = result.Tokens[0].Value;
        if (DomainArgument.TryParse(text, out PolicyDomain? domain, out string? problem))
        {
            return domain;
        }

        result.AddError(problem);
        return null;
    }

    private static IPEndPoint[]? ParseDnsServers(ArgumentResult result)
    {
        var options = new MtaStsDnsOptions();
        foreach (Token token in result.Tokens)
        {
            if (!DnsServerEndPoint.TryParse(token.Value, out IPEndPoint? server))
            {
                result.AddError($"--dns-server '{token.Value}' is not an IP address with an optional port, "
                    + "such as 192.0.2.53, 192.0.2.53:5353, 2001:db8::53 or [2001:db8::53]:5353.");
                return null;
            }

            options.Servers.Add(server);
        }

        try
        {
            options.Validate();
        }
        catch (ArgumentException exception)
        {
            result.AddError(exception.Message);
            return null;
        }

        return [.. options.Servers];
    }

    private static TimeSpan? ParseTimeout(ArgumentResult result)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        const NumberStyles decimalNumber = NumberStyles.AllowDecimalPoint;
        if (double.TryParse(text, decimalNumber, CultureInfo.InvariantCulture, out double seconds)
            && seconds > 0 && seconds <= MaxTimeoutSeconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        result.AddError(
            $"--timeout '{text}' is not a number of seconds above 0 and at most {MaxTimeoutSeconds}.");
        return null;
    }

    private static int? ParsePort(ArgumentResult result)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port)
            && port is >= 1 and <= IPEndPoint.MaxPort)
        {
            return port;
        }

        result.AddError($"--policy-port '{text}' is not a TCP port from 1 to 65535.");
        return null;
    }
}
