using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ARSoft.Tools.Net.Dns;
using MtaSts.Testing;
using NUnit.Framework;
using static MtaSts.Cli.Tests.CheckServers;

namespace MtaSts.Cli.Tests;

/// <summary>
/// <c>mtasts check</c> against a DNS server and a Policy Host on loopback: every outcome of the
/// record and of the fetch, in JSON and in text, and the exit code 0 whatever the verdict.
/// </summary>
[TestFixture]
public sealed partial class CheckCommandTests
{
    private CheckServers _servers = null!;

    [OneTimeSetUp]
    public async Task StartServersAsync() => _servers = await CheckServers.StartAsync();

    [OneTimeTearDown]
    public async Task StopServersAsync() => await _servers.DisposeAsync();

    [SetUp]
    public void ResetServers() => _servers.Reset();

    private Task<ToolRun> CheckAsync(params string[] more) =>
        ToolRun.RunAsync(_servers.CheckArguments(more: more));

    private async Task<JsonElement> CheckJsonAsync(params string[] more)
    {
        ToolRun run = await CheckAsync([.. more, "--json"]);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Checked), run.Error);
        Assert.That(run.Error, Is.Empty);
        return run.ParseJson();
    }

    private static JsonElement Failure(JsonElement json) => json.GetProperty("policy").GetProperty("failure");

    [Test]
    public async Task Run_ValidEnforcePolicyWithJson_PrintsEveryField()
    {
        JsonElement json = await CheckJsonAsync();

        Assert.That(
            json.EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "domain", "record", "policy", "mx", "probe", "mx_lookup" }));
        Assert.That(json.GetProperty("domain").GetString(), Is.EqualTo(Domain));

        JsonElement record = json.GetProperty("record");
        Assert.That(
            record.EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "outcome", "id", "message", "errors", "warnings" }));
        Assert.That(record.GetProperty("outcome").GetString(), Is.EqualTo("found"));
        Assert.That(record.GetProperty("id").GetString(), Is.EqualTo(PolicyId));
        Assert.That(record.GetProperty("errors").GetArrayLength(), Is.Zero);
        Assert.That(record.GetProperty("warnings").GetArrayLength(), Is.Zero);

        JsonElement policy = json.GetProperty("policy");
        Assert.That(
            policy.EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "applied", "source", "mode", "id", "max_age", "mx", "extensions", "failure" }));
        Assert.That(policy.GetProperty("applied").ValueKind, Is.EqualTo(JsonValueKind.True));
        Assert.That(policy.GetProperty("source").GetString(), Is.EqualTo("fetched"));
        Assert.That(policy.GetProperty("mode").GetString(), Is.EqualTo("enforce"));
        Assert.That(policy.GetProperty("id").GetString(), Is.EqualTo(PolicyId));
        Assert.That(policy.GetProperty("max_age").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(policy.GetProperty("max_age").GetInt32(), Is.EqualTo(604800));
        Assert.That(
            policy.GetProperty("mx").EnumerateArray().Select(e => e.GetString()),
            Is.EqualTo(new[] { "mail.example.com", "*.example.net" }));
        Assert.That(policy.GetProperty("extensions").GetArrayLength(), Is.Zero);
        Assert.That(policy.GetProperty("failure").ValueKind, Is.EqualTo(JsonValueKind.Null));

        Assert.That(json.GetProperty("mx").ValueKind, Is.EqualTo(JsonValueKind.Array));
        Assert.That(json.GetProperty("mx").GetArrayLength(), Is.Zero);
        Assert.That(json.GetProperty("probe").GetString(), Is.EqualTo("skipped"));
        Assert.That(json.GetProperty("mx_lookup").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Run_ValidEnforcePolicy_AsksOneDnsServerForEveryNameAndFetchesOnce()
    {
        await CheckJsonAsync();

        Assert.That(
            _servers.Dns.Queries,
            Is.SupersetOf(new[] { RecordName + " TXT", PolicyHost + " A", PolicyHost + " AAAA" }));
        Assert.That(_servers.Host.ServerNames, Is.EqualTo(new[] { PolicyHost }));
        RecordedRequest request = _servers.Host.Requests.Single();
        Assert.That(request.Host, Is.EqualTo(PolicyHost));
        Assert.That(request.Path, Is.EqualTo("/.well-known/mta-sts.txt"));
    }

    [Test]
    public async Task Run_ValidEnforcePolicy_PrintsAlignedText()
    {
        ToolRun run = await CheckAsync();

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Checked), run.Error);
        Assert.That(run.Output, Is.EqualTo(
            "domain:    example.com\n"
            + "record:    found, id 20240101T000000\n"
            + "policy:    applied, fetched from https://mta-sts.example.com/.well-known/mta-sts.txt\n"
            + "mode:      enforce\n"
            + "id:        20240101T000000\n"
            + "max_age:   604800\n"
            + "mx:        mail.example.com\n"
            + "mx:        *.example.net\n"
            + "mx hosts:  not probed (--no-probe)\n"));
        Assert.That(run.Error, Is.Empty);
    }

    [Test]
    public async Task Run_ModeNone_SaysThereIsNoActivePolicy()
    {
        _servers.Host.Respond = Serve(200, "text/plain", "version: STSv1\nmode: none\nmax_age: 86400\n");

        ToolRun run = await CheckAsync();

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Checked), run.Error);
        Assert.That(run.Output, Does.Contain("\nmode:      none (no active policy)\n"));
        Assert.That(run.Output, Does.Contain("\nmx:        (none)\n"));
    }

    [Test]
    public async Task Run_NoRecord_IsNoRecordWithoutResultTypeAndNoFetch()
    {
        _servers.Dns.Reset();

        JsonElement json = await CheckJsonAsync();

        Assert.That(json.GetProperty("record").GetProperty("outcome").GetString(), Is.EqualTo("not-found"));
        Assert.That(json.GetProperty("record").GetProperty("id").ValueKind, Is.EqualTo(JsonValueKind.Null));
        AssertNoPolicy(json);
        JsonElement failure = Failure(json);
        Assert.That(
            failure.EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "kind", "reason", "result_type", "message", "errors", "warnings" }));
        Assert.That(failure.GetProperty("kind").GetString(), Is.EqualTo("no-record"));
        Assert.That(failure.GetProperty("reason").GetString(), Is.EqualTo("record-not-found"));
        Assert.That(failure.GetProperty("result_type").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(failure.GetProperty("message").GetString(), Does.Contain("NXDOMAIN"));
        Assert.That(_servers.Host.Connections, Is.Zero);
    }

    [Test]
    public async Task Run_TwoRecords_IsMultipleRecords()
    {
        _servers.Dns.AddTxt(RecordName, "v=STSv1; id=20240202T000000;");

        JsonElement json = await CheckJsonAsync();

        Assert.That(json.GetProperty("record").GetProperty("outcome").GetString(), Is.EqualTo("multiple"));
        AssertNoPolicy(json);
        Assert.That(Failure(json).GetProperty("kind").GetString(), Is.EqualTo("multiple-records"));
        Assert.That(Failure(json).GetProperty("reason").GetString(), Is.EqualTo("record-multiple"));
        Assert.That(_servers.Host.Connections, Is.Zero);
    }

    [Test]
    public async Task Run_InvalidRecord_IsInvalidRecordWithItsError()
    {
        _servers.Dns.ReplaceTxt(RecordName, 300, "v=STSv1; id=not_valid;");

        JsonElement json = await CheckJsonAsync();
        ToolRun text = await CheckAsync();

        JsonElement record = json.GetProperty("record");
        Assert.That(record.GetProperty("outcome").GetString(), Is.EqualTo("invalid"));
        Assert.That(
            record.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()),
            Is.EqualTo(new[] { "record-invalid-id" }));
        AssertNoPolicy(json);
        Assert.That(Failure(json).GetProperty("kind").GetString(), Is.EqualTo("invalid-record"));
        Assert.That(Failure(json).GetProperty("reason").GetString(), Is.EqualTo("record-invalid-id"));
        Assert.That(text.Output, Does.Contain("record:    invalid\n           error record-invalid-id: "));
        Assert.That(text.Output, Does.Contain("\nfailure:   invalid-record, reason record-invalid-id\n"));
    }

    [Test]
    public async Task Run_ServFail_IsDnsFailureAndExitsZero()
    {
        _servers.Dns.SetResponseCode(RecordName, ReturnCode.ServerFailure);

        JsonElement json = await CheckJsonAsync();

        Assert.That(json.GetProperty("record").GetProperty("outcome").GetString(), Is.EqualTo("dns-failure"));
        AssertNoPolicy(json);
        Assert.That(Failure(json).GetProperty("kind").GetString(), Is.EqualTo("dns-failure"));
        Assert.That(Failure(json).GetProperty("reason").GetString(), Is.EqualTo("dns-error"));
        Assert.That(Failure(json).GetProperty("result_type").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(Failure(json).GetProperty("message").GetString(), Does.Contain("SERVFAIL"));
    }

    [Test]
    public async Task Run_PolicyNotFound_IsFetchErrorWithItsResultTypeAndReason()
    {
        _servers.Host.Respond = Serve(404, "text/html", "<h1>Not Found</h1>");

        JsonElement json = await CheckJsonAsync();
        ToolRun text = await CheckAsync();

        Assert.That(json.GetProperty("record").GetProperty("outcome").GetString(), Is.EqualTo("found"));
        AssertNoPolicy(json);
        JsonElement failure = Failure(json);
        Assert.That(failure.GetProperty("kind").GetString(), Is.EqualTo("fetch-error"));
        Assert.That(failure.GetProperty("reason").GetString(), Is.EqualTo("status"));
        Assert.That(failure.GetProperty("result_type").GetString(), Is.EqualTo("sts-policy-fetch-error"));
        Assert.That(failure.GetProperty("message").GetString(), Does.Contain("404"));
        Assert.That(text.ExitCode, Is.EqualTo(ExitCodes.Checked));
        Assert.That(text.Output, Does.Contain(
            "\npolicy:    none applies\n"
            + "failure:   fetch-error, result type sts-policy-fetch-error, reason status\n"
            + "           https://mta-sts.example.com/.well-known/mta-sts.txt answered 404 "));
    }

    [Test]
    public async Task Run_CertificateForAnotherName_IsWebPkiInvalid()
    {
        _servers.Host.Certificate = TestPki.Trusted.Leaf("mta-sts.example.org");

        JsonElement json = await CheckJsonAsync();

        AssertNoPolicy(json);
        Assert.That(Failure(json).GetProperty("kind").GetString(), Is.EqualTo("webpki-invalid"));
        Assert.That(Failure(json).GetProperty("reason").GetString(), Is.EqualTo("name-mismatch"));
        Assert.That(Failure(json).GetProperty("result_type").GetString(), Is.EqualTo("sts-webpki-invalid"));
        Assert.That(_servers.Host.Requests, Is.Empty);
    }

    [Test]
    public async Task Run_InvalidPolicyBody_IsPolicyInvalidWithEachDiagnosticAndItsLine()
    {
        _servers.Host.Respond = Serve(200, "text/plain",
            "version: STSv1\nmode: Enforce\nmx: mail.example.com\nmax_age: 604800\n");

        JsonElement json = await CheckJsonAsync();
        ToolRun text = await CheckAsync();

        AssertNoPolicy(json);
        JsonElement failure = Failure(json);
        Assert.That(failure.GetProperty("kind").GetString(), Is.EqualTo("policy-invalid"));
        Assert.That(failure.GetProperty("reason").GetString(), Is.EqualTo("parse"));
        Assert.That(failure.GetProperty("result_type").GetString(), Is.EqualTo("sts-policy-invalid"));
        Assert.That(
            failure.GetProperty("errors").EnumerateArray()
                .Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("code").GetString())),
            Is.EqualTo(new[] { (2, "policy-invalid-mode") }));
        Assert.That(failure.GetProperty("message").GetString(), Does.EndWith("(line 2)"));
        Assert.That(
            text.Output,
            Does.Contain("\nfailure:   policy-invalid, result type sts-policy-invalid, reason parse\n"));
        Assert.That(text.Output, Does.Contain("\n           line 2: error policy-invalid-mode: "));
    }

    [Test]
    public async Task Run_LoopbackPolicyHostWithoutAllowPrivateAddresses_IsRefusedBeforeConnecting()
    {
        ToolRun run = await ToolRun.RunAsync(
            _servers.CheckArguments(allowPrivateAddresses: false, more: "--json"));
        JsonElement json = run.ParseJson();

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Checked), run.Error);
        AssertNoPolicy(json);
        Assert.That(Failure(json).GetProperty("kind").GetString(), Is.EqualTo("fetch-error"));
        Assert.That(Failure(json).GetProperty("reason").GetString(), Is.EqualTo("address-not-allowed"));
        Assert.That(Failure(json).GetProperty("message").GetString(), Does.Contain("127.0.0.1"));
        Assert.That(_servers.Host.Connections, Is.Zero);
    }

    [Test]
    public async Task Run_WithoutNoProbe_ProbesTheMxHostsAfterTheRestOfTheCheck()
    {
        _servers.Dns.AddAddress(Domain, MxServers.Silent);

        ToolRun text = await ToolRun.RunAsync(_servers.CheckArguments(noProbe: false));
        ToolRun json = await ToolRun.RunAsync(_servers.CheckArguments(noProbe: false, more: "--json"));

        Assert.That(text.ExitCode, Is.EqualTo(ExitCodes.Checked), text.Error);
        Assert.That(text.Output, Does.Contain("\nmode:      enforce\n"), "the rest of the check still runs");
        Assert.That(text.Output, Does.Contain(
            "\nmx hosts:  found: example.com has no MX record, so the domain itself is the MX host.\n"
            + "mx host:       example.com (no MX record: the domain itself)\n"));
        Assert.That(text.Output, Does.Not.Contain("not available"));
        Assert.That(json.ParseJson().GetProperty("probe").GetString(), Is.EqualTo("probed"));
        Assert.That(json.ParseJson().GetProperty("mx").GetArrayLength(), Is.EqualTo(1));
    }

    private static void AssertNoPolicy(JsonElement json)
    {
        JsonElement policy = json.GetProperty("policy");
        Assert.That(policy.GetProperty("applied").ValueKind, Is.EqualTo(JsonValueKind.False));
        Assert.That(policy.GetProperty("source").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(policy.GetProperty("mode").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(policy.GetProperty("id").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(policy.GetProperty("max_age").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(policy.GetProperty("mx").GetArrayLength(), Is.Zero);
        Assert.That(policy.GetProperty("failure").ValueKind, Is.EqualTo(JsonValueKind.Object));
    }
}
