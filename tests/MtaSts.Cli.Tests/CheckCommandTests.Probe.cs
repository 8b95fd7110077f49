using System;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading.Tasks;
using ARSoft.Tools.Net.Dns;
using MtaSts.Testing;
using NUnit.Framework;
using static MtaSts.Cli.Tests.CheckServers;

namespace MtaSts.Cli.Tests;

/// <summary>
/// The MX probe of <c>mtasts check</c> against SMTP servers on loopback: what each MX host
/// presents, the decision a sender would reach, and the MX lookups that leave nothing to probe.
/// </summary>
public sealed partial class CheckCommandTests
{
    private const string MeetsPolicy = "The MX host matches the policy and presented a valid certificate.";

    private Task<ToolRun> ProbeAsync(params string[] more) =>
        ToolRun.RunAsync(_servers.CheckArguments(noProbe: false, more: more));

    private async Task<JsonElement> ProbeJsonAsync(params string[] more)
    {
        ToolRun run = await ProbeAsync([.. more, "--json"]);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Checked), run.Error);
        Assert.That(run.Error, Is.Empty);
        return run.ParseJson();
    }

    private static JsonElement[] MxOf(JsonElement json) => json.GetProperty("mx").EnumerateArray().ToArray();

    private static string Rfc3339(DateTime moment) =>
        moment.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [Test]
    public async Task Run_ValidMx_DeliversAndPrintsEveryFieldOfItsObject()
    {
        _servers.AddMx(10, "mail.example.com", _servers.Mx.Mail);

        JsonElement json = await ProbeJsonAsync();

        JsonElement mx = MxOf(json).Single();
        Assert.That(mx.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
        {
            "host", "preference", "matches_policy", "starttls", "certificate", "decision", "result_type",
            "reason", "reason_code", "implicit", "address", "helo",
        }));
        Assert.That(mx.GetProperty("host").GetString(), Is.EqualTo("mail.example.com"));
        Assert.That(mx.GetProperty("preference").GetInt32(), Is.EqualTo(10));
        Assert.That(mx.GetProperty("matches_policy").ValueKind, Is.EqualTo(JsonValueKind.True));
        Assert.That(mx.GetProperty("starttls").ValueKind, Is.EqualTo(JsonValueKind.True));
        Assert.That(mx.GetProperty("decision").GetString(), Is.EqualTo("deliver"));
        Assert.That(mx.GetProperty("result_type").GetString(), Is.EqualTo("success"));
        Assert.That(mx.GetProperty("reason").GetString(), Is.EqualTo(MeetsPolicy));
        Assert.That(mx.GetProperty("reason_code").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(mx.GetProperty("implicit").ValueKind, Is.EqualTo(JsonValueKind.False));
        Assert.That(mx.GetProperty("address").GetString(), Is.EqualTo(MxServers.AddressOf(_servers.Mx.Mail)));
        Assert.That(mx.GetProperty("helo").GetString(), Is.EqualTo("mx-mail.loopback.test"));

        X509Certificate2 leaf = _servers.Mx.Mail.Certificate!.Leaf;
        JsonElement certificate = mx.GetProperty("certificate");
        Assert.That(
            certificate.EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "subject", "san_dns", "issuer", "not_before", "not_after", "sha256" }));
        Assert.That(certificate.GetProperty("subject").GetString(), Is.EqualTo("CN=mail.example.com"));
        Assert.That(
            certificate.GetProperty("san_dns").EnumerateArray().Select(e => e.GetString()),
            Is.EqualTo(new[] { "mail.example.com" }));
        Assert.That(certificate.GetProperty("issuer").GetString(), Is.EqualTo(TestPki.Trusted.Intermediate.Subject));
        Assert.That(certificate.GetProperty("not_before").GetString(), Is.EqualTo(Rfc3339(leaf.NotBefore)));
        Assert.That(certificate.GetProperty("not_after").GetString(), Is.EqualTo(Rfc3339(leaf.NotAfter)));
        Assert.That(
            certificate.GetProperty("sha256").GetString(),
            Is.EqualTo(leaf.GetCertHashString(HashAlgorithmName.SHA256)));

        Assert.That(json.GetProperty("probe").GetString(), Is.EqualTo("probed"));
        JsonElement lookup = json.GetProperty("mx_lookup");
        Assert.That(
            lookup.EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "outcome", "implicit", "hosts", "omitted", "message" }));
        Assert.That(lookup.GetProperty("outcome").GetString(), Is.EqualTo("found"));
        Assert.That(lookup.GetProperty("implicit").GetBoolean(), Is.False);
        Assert.That(lookup.GetProperty("hosts").GetInt32(), Is.EqualTo(1));
        Assert.That(lookup.GetProperty("omitted").GetInt32(), Is.Zero);

        // The MX host name is the SNI; the probe says EHLO and STARTTLS and sends no mail.
        Assert.That(_servers.Mx.Mail.ServerNames, Is.EqualTo(new[] { "mail.example.com" }));
        Assert.That(_servers.Mx.Mail.Messages, Is.Empty);
        Assert.That(_servers.Dns.Queries, Is.SupersetOf(new[] { Domain + " MX", "mail.example.com A" }));
    }

    [TestCase(EnforcePolicy, "refuse")]
    [TestCase(TestingPolicy, "deliver-and-report")]
    public async Task Run_ExpiredCertificate_IsCertificateExpiredUnderTheMode(string policy, string decision)
    {
        _servers.Host.Respond = Serve(200, "text/plain", policy);
        _servers.AddMx(10, "mail.example.com", _servers.Mx.Expired);

        JsonElement mx = MxOf(await ProbeJsonAsync()).Single();

        Assert.That(mx.GetProperty("decision").GetString(), Is.EqualTo(decision));
        Assert.That(mx.GetProperty("result_type").GetString(), Is.EqualTo("certificate-expired"));
        Assert.That(mx.GetProperty("reason_code").GetString(), Is.EqualTo("expired"));
        Assert.That(mx.GetProperty("matches_policy").GetBoolean(), Is.True);
        Assert.That(
            mx.GetProperty("certificate").GetProperty("not_after").GetString(),
            Is.EqualTo(Rfc3339(_servers.Mx.Expired.Certificate!.Leaf.NotAfter)));
    }

    [Test]
    public async Task Run_CertificateForAnotherName_IsRefusedAsHostMismatch()
    {
        _servers.AddMx(10, "mail.example.com", _servers.Mx.WrongName);

        JsonElement mx = MxOf(await ProbeJsonAsync()).Single();

        Assert.That(mx.GetProperty("decision").GetString(), Is.EqualTo("refuse"));
        Assert.That(mx.GetProperty("result_type").GetString(), Is.EqualTo("certificate-host-mismatch"));
        Assert.That(mx.GetProperty("reason_code").GetString(), Is.EqualTo("name-mismatch"));
        Assert.That(
            mx.GetProperty("certificate").GetProperty("san_dns").EnumerateArray().Select(e => e.GetString()),
            Is.EqualTo(new[] { "other.example.org" }));
    }

    [Test]
    public async Task Run_MxWithoutStartTls_IsRefusedAsStartTlsNotSupported()
    {
        _servers.AddMx(10, "mail.example.com", _servers.Mx.Plain);

        JsonElement mx = MxOf(await ProbeJsonAsync()).Single();

        Assert.That(mx.GetProperty("starttls").GetBoolean(), Is.False);
        Assert.That(mx.GetProperty("certificate").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(mx.GetProperty("decision").GetString(), Is.EqualTo("refuse"));
        Assert.That(mx.GetProperty("result_type").GetString(), Is.EqualTo("starttls-not-supported"));
        Assert.That(mx.GetProperty("reason_code").GetString(), Is.EqualTo("starttls-not-offered"));
        Assert.That(mx.GetProperty("helo").GetString(), Is.EqualTo("mx-plain.loopback.test"));
        Assert.That(_servers.Mx.Plain.Connections, Is.EqualTo(1));
    }

    [Test]
    public async Task Run_MxNotInPolicy_DoesNotMatchAndIsRefusedAsValidationFailure()
    {
        _servers.AddMx(10, "mx.other.example", _servers.Mx.Other);

        JsonElement mx = MxOf(await ProbeJsonAsync()).Single();

        Assert.That(mx.GetProperty("matches_policy").ValueKind, Is.EqualTo(JsonValueKind.False));
        Assert.That(mx.GetProperty("decision").GetString(), Is.EqualTo("refuse"));
        Assert.That(mx.GetProperty("result_type").GetString(), Is.EqualTo("validation-failure"));
        Assert.That(mx.GetProperty("reason_code").GetString(), Is.EqualTo("mx-not-in-policy"));
        Assert.That(
            mx.GetProperty("certificate").GetProperty("subject").GetString(), Is.EqualTo("CN=mx.other.example"));
    }

    [Test]
    public async Task Run_NothingListensAtTheMx_IsUnreachableNotATlsFailure()
    {
        _servers.AddMx(10, "mail.example.com", MxServers.Silent);

        JsonElement mx = MxOf(await ProbeJsonAsync()).Single();

        Assert.That(mx.GetProperty("decision").GetString(), Is.EqualTo("unreachable"));
        Assert.That(mx.GetProperty("result_type").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(mx.GetProperty("reason_code").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(mx.GetProperty("reason").GetString(), Does.Contain(MxServers.Silent));
        Assert.That(mx.GetProperty("matches_policy").GetBoolean(), Is.True);
        Assert.That(mx.GetProperty("starttls").GetBoolean(), Is.False);
        Assert.That(mx.GetProperty("certificate").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(mx.GetProperty("address").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Run_MxHostWithoutAddress_IsUnreachable()
    {
        _servers.Dns.AddMx(Domain, 10, "gone.example.net");

        JsonElement mx = MxOf(await ProbeJsonAsync()).Single();

        Assert.That(mx.GetProperty("decision").GetString(), Is.EqualTo("unreachable"));
        Assert.That(mx.GetProperty("reason").GetString(), Does.Contain("no A or AAAA record"));
    }

    [Test]
    public async Task Run_MxThatNeverGreets_IsUnreachableWithinTheTimeout()
    {
        _servers.AddMx(10, "mail.example.com", _servers.Mx.MuteAddress);
        var elapsed = System.Diagnostics.Stopwatch.StartNew();

        JsonElement mx = MxOf(await ProbeJsonAsync("--timeout", "1")).Single();

        Assert.That(elapsed.Elapsed, Is.LessThan(s_slowMachineAllowance));
        Assert.That(mx.GetProperty("decision").GetString(), Is.EqualTo("unreachable"));
        Assert.That(
            mx.GetProperty("reason").GetString(),
            Does.StartWith("No SMTP session with mail.example.com came as far as TLS within 1 s"));
        Assert.That(mx.GetProperty("result_type").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Run_NoMxRecord_ProbesTheDomainItselfAsTheImplicitMx()
    {
        _servers.Host.Respond = Serve(200, "text/plain",
            "version: STSv1\nmode: enforce\nmx: example.com\nmax_age: 86400\n");
        _servers.Dns.AddAddress(Domain, MxServers.AddressOf(_servers.Mx.Apex));

        JsonElement json = await ProbeJsonAsync();

        JsonElement mx = MxOf(json).Single();
        Assert.That(mx.GetProperty("host").GetString(), Is.EqualTo(Domain));
        Assert.That(mx.GetProperty("implicit").GetBoolean(), Is.True);
        Assert.That(mx.GetProperty("preference").GetInt32(), Is.Zero);
        Assert.That(mx.GetProperty("decision").GetString(), Is.EqualTo("deliver"));
        Assert.That(json.GetProperty("mx_lookup").GetProperty("implicit").GetBoolean(), Is.True);
        Assert.That(_servers.Mx.Apex.ServerNames, Is.EqualTo(new[] { Domain }));
    }

    [Test]
    public async Task Run_SeveralMx_ProbesEachAndPrintsThemInPreferenceOrder()
    {
        _servers.AddMx(30, "backup.example.net", _servers.Mx.Backup);
        _servers.AddMx(20, "b.example.net", _servers.Mx.Plain);
        _servers.AddMx(10, "mail.example.com", _servers.Mx.Mail);
        _servers.AddMx(20, "a.example.net", _servers.Mx.WrongName);

        JsonElement json = await ProbeJsonAsync();
        ToolRun text = await ProbeAsync();

        JsonElement[] mx = MxOf(json);
        Assert.That(
            mx.Select(e => (e.GetProperty("host").GetString(), e.GetProperty("preference").GetInt32())),
            Is.EqualTo(new[]
            {
                ("mail.example.com", 10), ("a.example.net", 20), ("b.example.net", 20), ("backup.example.net", 30),
            }));
        Assert.That(
            mx.Select(e => e.GetProperty("result_type").GetString()),
            Is.EqualTo(new[] { "success", "certificate-host-mismatch", "starttls-not-supported", "success" }));
        Assert.That(
            text.Output.Split('\n').Where(line => line.StartsWith("mx host:", StringComparison.Ordinal)),
            Is.EqualTo(new[]
            {
                "mx host:       mail.example.com", "mx host:       a.example.net",
                "mx host:       b.example.net", "mx host:       backup.example.net",
            }));
    }

    [Test]
    public async Task Run_MoreMxThanTheLimit_ProbesTheFirstOnesAndCountsTheRest()
    {
        for (int preference = 1; preference <= 21; preference++)
        {
            _servers.AddMx(preference, $"mx{preference}.example.net", MxServers.Silent);
        }

        JsonElement json = await ProbeJsonAsync();

        Assert.That(MxOf(json), Has.Length.EqualTo(20));
        Assert.That(MxOf(json).Last().GetProperty("host").GetString(), Is.EqualTo("mx20.example.net"));
        Assert.That(json.GetProperty("mx_lookup").GetProperty("hosts").GetInt32(), Is.EqualTo(21));
        Assert.That(json.GetProperty("mx_lookup").GetProperty("omitted").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task Run_NoPolicy_StillProbesWithNoPolicyDecisionsAndNoMatch()
    {
        _servers.Dns.Reset();
        _servers.AddMx(10, "mail.example.com", _servers.Mx.Mail);

        JsonElement mx = MxOf(await ProbeJsonAsync()).Single();

        Assert.That(mx.GetProperty("matches_policy").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(mx.GetProperty("decision").GetString(), Is.EqualTo("no-policy"));
        Assert.That(mx.GetProperty("result_type").GetString(), Is.EqualTo("success"));
        Assert.That(mx.GetProperty("certificate").ValueKind, Is.EqualTo(JsonValueKind.Object));
    }

    [Test]
    public async Task Run_NullMx_IsShownAndNothingIsProbed()
    {
        _servers.Dns.AddMx(Domain, 0, string.Empty);

        JsonElement json = await ProbeJsonAsync();
        ToolRun text = await ProbeAsync();

        Assert.That(MxOf(json), Is.Empty);
        Assert.That(json.GetProperty("mx_lookup").GetProperty("outcome").GetString(), Is.EqualTo("null-mx"));
        Assert.That(json.GetProperty("mx_lookup").GetProperty("hosts").GetInt32(), Is.Zero);
        Assert.That(text.ExitCode, Is.EqualTo(ExitCodes.Checked), text.Error);
        Assert.That(text.Output, Does.EndWith(
            "\nmx hosts:  null-mx: example.com publishes a null MX: it accepts no mail.\n"));
    }

    [TestCase(ReturnCode.NxDomain, "no-domain")]
    [TestCase(ReturnCode.ServerFailure, "dns-failure")]
    public async Task Run_MxLookupFails_IsShownWithItsOutcome(ReturnCode code, string outcome)
    {
        _servers.Dns.SetResponseCode(Domain, code);

        JsonElement json = await ProbeJsonAsync();

        Assert.That(MxOf(json), Is.Empty);
        Assert.That(json.GetProperty("mx_lookup").GetProperty("outcome").GetString(), Is.EqualTo(outcome));
        Assert.That(json.GetProperty("mx_lookup").GetProperty("message").GetString(), Does.Contain(Domain));
        Assert.That(json.GetProperty("policy").GetProperty("applied").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Run_MxNamedLocalhost_ConnectsWhereTheCheckDnsServerSaysNotTheSystemResolver()
    {
        // The system resolver has localhost at 127.0.0.1, where no SMTP server listens on this port.
        _servers.AddMx(10, "localhost", _servers.Mx.Mail);

        JsonElement mx = MxOf(await ProbeJsonAsync()).Single();

        Assert.That(mx.GetProperty("address").GetString(), Is.EqualTo(MxServers.AddressOf(_servers.Mx.Mail)));
        Assert.That(mx.GetProperty("decision").GetString(), Is.Not.EqualTo("unreachable"));
        Assert.That(_servers.Mx.Mail.Connections, Is.EqualTo(1));
        Assert.That(_servers.Dns.Queries, Does.Contain("localhost A"));
    }

    [Test]
    public async Task Run_ProbedMx_PrintsATablePerMxHost()
    {
        _servers.AddMx(10, "mail.example.com", _servers.Mx.Mail);
        _servers.AddMx(20, "down.example.org", MxServers.Silent);

        ToolRun run = await ProbeAsync();

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Checked), run.Error);
        string notAfter = Rfc3339(_servers.Mx.Mail.Certificate!.Leaf.NotAfter);
        Assert.That(run.Output, Does.Contain(
            "\nmx:        *.example.net\n"
            + "mx hosts:  found: example.com has 2 MX hosts.\n"
            + "mx host:       mail.example.com\n"
            + "  preference:  10\n"
            + "  address:     " + MxServers.AddressOf(_servers.Mx.Mail) + "\n"
            + "  policy:      matches\n"
            + "  starttls:    offered\n"
            + "  certificate: CN=mail.example.com\n"
            + "  san dns:     mail.example.com\n"
            + "  issuer:      " + TestPki.Trusted.Intermediate.Subject + "\n"
            + "  not after:   " + notAfter + "\n"
            + "  decision:    deliver\n"
            + "  result type: success\n"
            + "  reason:      " + MeetsPolicy + "\n"
            + "mx host:       down.example.org\n"
            + "  preference:  20\n"
            + "  policy:      matches no mx pattern\n"
            + "  decision:    unreachable\n"
            + "  reason:      no TCP connection to " + MxServers.Silent + ":"));
        Assert.That(run.Output.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(26));
    }

    [Test]
    public async Task Run_FailedMx_PrintsTheResultTypeWithItsReasonCode()
    {
        _servers.AddMx(10, "mail.example.com", _servers.Mx.Expired);

        ToolRun run = await ProbeAsync();

        Assert.That(run.Output, Does.Contain(
            "\n  decision:    refuse\n  result type: certificate-expired (expired)\n  reason:      "));
    }

    [Test]
    public async Task Run_StderrIsTerminal_ShowsAProgressLineAndErasesIt()
    {
        _servers.AddMx(10, "mail.example.com", _servers.Mx.Mail);

        ToolRun text = await ToolRun.RunOnTerminalAsync(_servers.CheckArguments(noProbe: false));
        ToolRun json = await ToolRun.RunOnTerminalAsync(_servers.CheckArguments(noProbe: false, more: "--json"));

        Assert.That(text.ExitCode, Is.EqualTo(ExitCodes.Checked), text.Error);
        Assert.That(text.Error, Does.StartWith("\rlooking up the MX hosts of example.com ..."));
        Assert.That(text.Error, Does.Contain("\rprobing 1 MX host: 1 done ..."));
        Assert.That(text.Error, Does.Not.Contain("\n"));
        string lastLine = text.Error[text.Error.LastIndexOf("...", StringComparison.Ordinal)..];
        Assert.That(lastLine, Does.Match("^\\.\\.\\. *\\r +\\r$"), "the line is erased");
        Assert.That(text.Output, Does.StartWith("domain:    example.com\n"));
        Assert.That(json.Error, Is.Empty, "nothing extra with --json");
    }

    [Test]
    public async Task Main_ProbeAsRealProcessWithRedirectedStderr_PrintsNoProgress()
    {
        _servers.AddMx(10, "mail.example.com", _servers.Mx.Mail);

        ToolRun run = await ToolRun.RunProcessAsync(_servers.CheckArguments(noProbe: false));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Checked), run.Error);
        Assert.That(run.Error, Is.Empty);
        Assert.That(run.Output, Does.Contain("\nmx host:       mail.example.com\n"));
        Assert.That(run.Output, Does.Contain("\n  decision:    deliver\n"));
    }
}
