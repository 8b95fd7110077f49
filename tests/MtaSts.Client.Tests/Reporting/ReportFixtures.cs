using System;
using System.IO;
using System.Net;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using MtaSts.Client.Reporting;
using MtaSts.Client.Resolution;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Reporting;

/// <summary>The conventions of section H: example.com, P_TEST, t0 = 2024-05-01T00:00:00Z.</summary>
internal static class ReportFixtures
{
    public static readonly DateTimeOffset T0 = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly PolicyDomain ExampleCom = PolicyDomain.Create("example.com");
    public static readonly TlsReportKey Day1 = new(new DateOnly(2024, 5, 1), ExampleCom);

    public static MtaStsPolicy Policy(string name) =>
        MtaStsPolicy.Parse(File.ReadAllBytes(Path.Combine(
            TestContext.CurrentContext.TestDirectory, "TestData", "Policies", name + ".txt")));

    public static ReportPolicy StsTest => ReportPolicy.Sts(ExampleCom, Policy("P_TEST"));

    public static FailureDetail ExpiredAtMail(string sendingIp = "192.0.2.10") => new(
        ResultTypes.CertificateExpired,
        IPAddress.Parse(sendingIp),
        "mail.example.com",
        receivingIp: IPAddress.Parse("198.51.100.5"));

    public static PolicyResolution ResolutionOf(
        PolicyDomain domain,
        MtaStsPolicy? policy,
        PolicyFetchResult? failure,
        bool recordFound = true)
    {
        RecordDiscoveryResult record = recordFound
            ? RecordDiscoveryResult.Found(domain, MtaStsRecord.Parse("v=STSv1; id=A1"), TimeSpan.FromMinutes(5), [])
            : RecordDiscoveryResult.NotUsable(domain, RecordDiscoveryOutcome.NotFound, "none");
        CachedPolicy? cached = policy is null ? null : new CachedPolicy(domain, "A1", policy, T0);
        return new PolicyResolution(domain, cached, cached is null ? PolicySource.None : PolicySource.Cache,
            ResolutionReason.FetchFailedCachedPolicyKept, record, failure);
    }

    public static PolicyFetchResult Unreachable(PolicyDomain domain) =>
        PolicyFetchResult.FetchError(domain, PolicyFetchFailureReason.Connect, "refused");
}
