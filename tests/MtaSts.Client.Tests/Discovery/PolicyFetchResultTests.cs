using System;
using System.Linq;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Discovery;

/// <summary>The RFC 8460 vocabulary of fetch results: result types and failure reason codes.</summary>
[TestFixture]
public sealed class PolicyFetchResultTests
{
    private static readonly PolicyDomain s_domain = PolicyDomain.Create("example.com");

    [Test]
    public void FailureReasonCode_EveryReason_HasALowerCaseCode()
    {
        PolicyFetchFailureReason[] failures = Enum.GetValues<PolicyFetchFailureReason>()
            .Where(r => r != PolicyFetchFailureReason.None).ToArray();

        string[] codes = failures.Select(r => Result(r).FailureReasonCode!).ToArray();

        Assert.That(codes, Is.All.Match("^[a-z]+(-[a-z]+)*$"));
        Assert.That(codes, Is.Unique);
        Assert.That(codes, Is.SupersetOf(new[]
        {
            "status", "redirect", "timeout", "too-large", "connect", "dns", "address-not-allowed",
            "content-type", "name-mismatch", "expired", "not-yet-valid", "untrusted", "parse",
        }));
    }

    [TestCase(PolicyFetchFailureReason.Status, "sts-policy-fetch-error")]
    [TestCase(PolicyFetchFailureReason.Redirect, "sts-policy-fetch-error")]
    [TestCase(PolicyFetchFailureReason.Timeout, "sts-policy-fetch-error")]
    [TestCase(PolicyFetchFailureReason.TooLarge, "sts-policy-fetch-error")]
    [TestCase(PolicyFetchFailureReason.Dns, "sts-policy-fetch-error")]
    [TestCase(PolicyFetchFailureReason.AddressNotAllowed, "sts-policy-fetch-error")]
    [TestCase(PolicyFetchFailureReason.Connect, "sts-policy-fetch-error")]
    [TestCase(PolicyFetchFailureReason.Tls, "sts-policy-fetch-error")]
    [TestCase(PolicyFetchFailureReason.Protocol, "sts-policy-fetch-error")]
    [TestCase(PolicyFetchFailureReason.NameMismatch, "sts-webpki-invalid")]
    [TestCase(PolicyFetchFailureReason.Expired, "sts-webpki-invalid")]
    [TestCase(PolicyFetchFailureReason.NotYetValid, "sts-webpki-invalid")]
    [TestCase(PolicyFetchFailureReason.Untrusted, "sts-webpki-invalid")]
    [TestCase(PolicyFetchFailureReason.ContentType, "sts-policy-invalid")]
    [TestCase(PolicyFetchFailureReason.Parse, "sts-policy-invalid")]
    public void ResultType_OfEachReason_IsTheRfc8460Type(PolicyFetchFailureReason reason, string resultType)
    {
        PolicyFetchResult result = Result(reason);

        Assert.That(result.ResultType, Is.EqualTo(resultType));
        Assert.That(result.ToString(), Does.Contain(resultType).And.Contain(result.FailureReasonCode!));
    }

    private static PolicyFetchResult Result(PolicyFetchFailureReason reason) =>
        PolicyFetchResult.OutcomeOf(reason) switch
        {
            PolicyFetchOutcome.PolicyInvalid => PolicyFetchResult.PolicyInvalid(s_domain, reason, "m", parseResult: null),
            _ => PolicyFetchResult.Failed(s_domain, reason, "m"),
        };
}
