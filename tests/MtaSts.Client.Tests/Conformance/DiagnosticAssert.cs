using System.Linq;
using MtaSts.Client.Policies;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Conformance;

/// <summary>Assertions on the outcome and the diagnostics of a parse, with the diagnostics in the message.</summary>
internal static class DiagnosticAssert
{
    public static void IsFound(RecordParseResult result, string id)
    {
        Assert.That(result.Outcome, Is.EqualTo(RecordOutcome.Found), Describe(result));
        Assert.That(result.Record!.Id, Is.EqualTo(id));
        Assert.That(result.Errors, Is.Empty);
    }

    public static void IsNotUsable(RecordParseResult result, RecordOutcome outcome, string code)
    {
        Assert.That(result.Outcome, Is.EqualTo(outcome), Describe(result));
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Record, Is.Null);
        Assert.That(result.Errors.Select(d => d.Code), Does.Contain(code), Describe(result));
    }

    public static void HasWarning(RecordParseResult result, string code)
    {
        Assert.That(result.Warnings.Select(d => d.Code), Does.Contain(code), Describe(result));
        Assert.That(result.Errors.Select(d => d.Code), Does.Not.Contain(code), Describe(result));
    }

    public static void IsValid(PolicyParseResult result)
    {
        Assert.That(result.IsValid, Is.True, Describe(result));
        Assert.That(result.Errors, Is.Empty);
    }

    /// <summary>Valid, and read without a single deviation from the grammar.</summary>
    public static void IsClean(PolicyParseResult result)
    {
        IsValid(result);
        Assert.That(result.Diagnostics, Is.Empty, Describe(result));
    }

    /// <summary>
    /// Invalid, with an error <paramref name="code"/> on <paramref name="line"/> (null: about the whole body).
    /// </summary>
    public static void IsInvalid(PolicyParseResult result, string code, int? line)
    {
        Assert.That(result.IsValid, Is.False, Describe(result));
        Assert.That(result.Policy, Is.Null);
        Assert.That(result.Errors.Select(d => (d.Code, d.Line)), Does.Contain((code, line)), Describe(result));
    }

    /// <summary>
    /// A tolerated deviation: a warning <paramref name="code"/> on <paramref name="line"/>, and no error of that code.
    /// </summary>
    public static void HasWarning(PolicyParseResult result, string code, int? line)
    {
        Assert.That(result.Warnings.Select(d => (d.Code, d.Line)), Does.Contain((code, line)), Describe(result));
        Assert.That(result.Errors.Select(d => d.Code), Does.Not.Contain(code), Describe(result));
    }

    private static string Describe(ParseResult result) =>
        $"{result.Profile} profile: [{string.Join("; ", result.Diagnostics)}]";
}
