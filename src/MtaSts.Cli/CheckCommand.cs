using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using MtaSts.Client.Reporting;
using MtaSts.Client.Resolution;
using ParseResult = System.CommandLine.ParseResult;

namespace MtaSts.Cli;

/// <summary>
/// <c>mtasts check &lt;domain&gt; [--dns-server ADDR[:PORT]]... [--trust-root FILE.pem]...
/// [--allow-private-addresses] [--timeout SECONDS] [--no-probe] [--smtp-port PORT]
/// [--report FILE|-] [--report-org NAME] [--report-contact ADDRESS] [--json]</c>: discovers and
/// fetches a domain's policy as a sender would, probes its MX hosts, and shows the record, the
/// outcome, the policy and what a sender would decide for each MX host.
/// </summary>
internal sealed class CheckCommand : Command
{
    private const int MaxTimeoutSeconds = 3600;
    private const string StandardOutput = "-";

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
        Description = "The deadline for the policy, DNS and HTTPS together, and for each connection to "
            + "an MX host, in seconds (default 30).",
        HelpName = "seconds",
        CustomParser = ParseTimeout,
    };

    private readonly Option<bool> _noProbe = new("--no-probe")
    {
        Description = "Do not connect to the MX hosts.",
    };

    private readonly Option<int?> _smtpPort = new("--smtp-port")
    {
        Description = "The port to probe the MX hosts on instead of 25, such as a test server's.",
        HelpName = "port",
        CustomParser = result => ParsePort(result, "--smtp-port"),
    };

    private readonly Option<string> _report = new("--report")
    {
        Description = "Write the TLS report (RFC 8460) that the sessions of this check would produce to "
            + "this file, or to standard output in place of the text report with '-'.",
        HelpName = "file",
    };

    private readonly Option<string> _reportOrganization = new("--report-org")
    {
        Description = $"The organization-name of the --report (default '{CheckTlsReport.DefaultOrganization}').",
        HelpName = "name",
        CustomParser = ParseOrganization,
    };

    private readonly Option<string> _reportContact = new("--report-contact")
    {
        Description = $"The contact-info of the --report, an address local-part@domain (default "
            + $"'{CheckTlsReport.DefaultContact}').",
        HelpName = "address",
        CustomParser = ParseContact,
    };

    // A test Policy Host listens on a port of its own; the URL, SNI and names checked stay the real ones.
    private readonly Option<int?> _policyPort = new("--policy-port")
    {
        Hidden = true,
        CustomParser = result => ParsePort(result, "--policy-port"),
    };

    private readonly Option<bool> _json = LintOptions.CreateJson();

    private readonly bool _errorIsTerminal;

    /// <summary>Initializes a new instance of the <see cref="CheckCommand"/> class.</summary>
    /// <param name="errorIsTerminal">
    /// Whether standard error is a terminal, where a progress line is shown while the MX hosts are probed.
    /// </param>
    public CheckCommand(bool errorIsTerminal = false)
        : base("check", "Discover and fetch a domain's MTA-STS policy as a sender would (RFC 8461 §3, §5), "
            + "and probe its MX hosts.")
    {
        _errorIsTerminal = errorIsTerminal;
        Add(_domain);
        Add(_dnsServers);
        Add(_trustRoots);
        Add(_allowPrivateAddresses);
        Add(_timeout);
        Add(_noProbe);
        Add(_smtpPort);
        Add(_report);
        Add(_reportOrganization);
        Add(_reportContact);
        Add(_policyPort);
        Add(_json);
        Validators.Add(result =>
        {
            if (result.GetValue(_report) == StandardOutput && result.GetValue(_json))
            {
                result.AddError("--report - cannot go with --json, which has standard output already; "
                    + "give --report a file name.");
            }
        });
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
            parseResult.GetValue(_policyPort),
            parseResult.GetValue(_smtpPort) ?? CheckSettings.DefaultSmtpPort);

        var dns = new MtaStsDnsClient(settings.CreateDnsOptions());
        PolicyResolution resolution =
            await PolicyCheck.RunAsync(dns, settings, cancellationToken).ConfigureAwait(false);
        if (resolution.Record is { NoServerAnswered: true } record)
        {
            string reason = record.Reason.ReplaceLineEndings(" ");
            await error.WriteLineAsync($"mtasts: no DNS server answered: {reason}").ConfigureAwait(false);
            return ExitCodes.NoAnswer;
        }

        bool json = parseResult.GetValue(_json);
        string? reportPath = parseResult.GetValue(_report);
        MxCheckResult? mx = null;
        if (!parseResult.GetValue(_noProbe))
        {
            bool machineOutput = json || reportPath == StandardOutput;
            var progress = new ProbeProgress(_errorIsTerminal && !machineOutput ? error : null);
            mx = await MxCheck.RunAsync(dns, resolution, settings, progress, cancellationToken)
                .ConfigureAwait(false);
        }

        var report = new CheckReport(resolution, mx);
        if (reportPath is not null
            && await WriteTlsReportAsync(parseResult, report, reportPath, cancellationToken).ConfigureAwait(false)
                is int exitCode)
        {
            return exitCode;
        }

        TextWriter output = parseResult.InvocationConfiguration.Output;
        if (json)
        {
            CheckJsonOutput.Write(output, report);
        }
        else
        {
            CheckTextOutput.Write(output, report);
        }

        return ExitCodes.Checked;
    }

    /// <summary>
    /// Writes the TLS report of the check to its file, before anything else is printed, so that a
    /// report that cannot be written leaves standard output empty; or prints it in place of the text
    /// report for <c>--report -</c>.
    /// </summary>
    /// <returns>The exit code when the command ends here; <see langword="null"/> to print the report.</returns>
    private async Task<int?> WriteTlsReportAsync(
        ParseResult parseResult,
        CheckReport report,
        string reportPath,
        CancellationToken cancellationToken)
    {
        TlsReport tlsReport = CheckTlsReport.Build(
            report,
            parseResult.GetValue(_reportOrganization) ?? CheckTlsReport.DefaultOrganization,
            parseResult.GetValue(_reportContact) ?? CheckTlsReport.DefaultContact,
            TimeProvider.System.GetUtcNow());
        byte[] json = TlsReportWriter.ToJson(tlsReport);
        if (reportPath == StandardOutput)
        {
            TextWriter output = parseResult.InvocationConfiguration.Output;
            await output.WriteLineAsync(Encoding.UTF8.GetString(json)).ConfigureAwait(false);
            return ExitCodes.Checked;
        }

        TextWriter error = parseResult.InvocationConfiguration.Error;
        bool written = await CheckTlsReport.TryWriteAsync(reportPath, json, error, cancellationToken)
            .ConfigureAwait(false);
        return written ? null : ExitCodes.Usage;
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

    private static string? ParseOrganization(ArgumentResult result)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (!string.IsNullOrWhiteSpace(text))
        {
            return text;
        }

        result.AddError("--report-org is empty; give the name of the organization the report comes from.");
        return null;
    }

    private static string? ParseContact(ArgumentResult result)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (CheckTlsReport.IsContact(text))
        {
            return text;
        }

        result.AddError($"--report-contact '{text}' is not an address local-part@domain.");
        return null;
    }

    private static int? ParsePort(ArgumentResult result, string option)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port)
            && port is >= 1 and <= IPEndPoint.MaxPort)
        {
            return port;
        }

        result.AddError($"{option} '{text}' is not a TCP port from 1 to 65535.");
        return null;
    }
}
