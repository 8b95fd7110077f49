using System;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using MtaSts.Client.Decision;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;
using MtaSts.Testing;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Decision;

/// <summary>
/// A checker that trusts only the test PKI, on a clock the tests move, and policies written for
/// each case. The certificates of the test PKI are dated from the real time, so the clock starts there.
/// </summary>
public abstract class MxCheckerFixture
{
    protected const string MailHost = "mail.example.com";

    protected FakeTimeProvider Time { get; private set; } = null!;

    protected MxChecker Checker { get; private set; } = null!;

    [SetUp]
    public void CreateChecker()
    {
        Time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Checker = CreateChecker(new MxCertificateOptions());
    }

    protected MxChecker CreateChecker(MxCertificateOptions options)
    {
        options.TrustRoots.Add(TestPki.PublicPart(TestPki.Trusted.Root));
        return new MxChecker(options, Time);
    }

    /// <summary>A policy in <paramref name="mode"/> listing <paramref name="patterns"/>.</summary>
    protected static MtaStsPolicy Policy(string mode, params string[] patterns)
    {
        var body = new StringBuilder("version: STSv1\nmode: ").Append(mode).Append('\n');
        foreach (string pattern in patterns)
        {
            body.Append("mx: ").Append(pattern).Append('\n');
        }

        return MtaStsPolicy.Parse(Encoding.ASCII.GetBytes(body.Append("max_age: 86400\n").ToString()));
    }

    protected static MtaStsPolicy Enforce(params string[] patterns) => Policy("enforce", patterns);

    /// <summary><c>P_ENF</c>'s patterns: <c>mail.example.com</c> and <c>*.example.net</c>.</summary>
    protected static MtaStsPolicy EnforceDefault() => Enforce(MailHost, "*.example.net");

    protected static PolicyResolution Resolved(MtaStsPolicy policy, string domain = "example.com")
    {
        PolicyDomain policyDomain = PolicyDomain.Create(domain);
        var entry = new CachedPolicy(policyDomain, "A1", policy, DateTimeOffset.UtcNow);
        return new PolicyResolution(policyDomain, entry, PolicySource.Cache, ResolutionReason.CachedPolicyCurrent, null, null);
    }

    protected static PresentedCertificate Presented(params string[] dnsNames) => new(TestPki.Trusted.Leaf(dnsNames));

    protected static PresentedCertificate Presented(LeafSpec spec) => new(TestPki.Trusted.Leaf(spec));

    protected MxDecision Check(
        MtaStsPolicy? policy,
        string mxHost,
        PresentedCertificate? certificate,
        MxCheckContext context = default) =>
        Checker.CheckMxForPolicy(policy, mxHost, certificate?.Leaf, certificate?.Chain, context);

    protected static void AssertDecision(MxDecision decision, MxVerdict verdict, string resultType, string? reasonCode)
    {
        Assert.Multiple(() =>
        {
            Assert.That(decision.Verdict, Is.EqualTo(verdict), decision.ToString());
            Assert.That(decision.ResultType, Is.EqualTo(resultType), decision.ToString());
            Assert.That(decision.ReasonCode, Is.EqualTo(reasonCode), decision.ToString());
        });
    }
}
