using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Json.Schema;
using NUnit.Framework;

namespace MtaSts.Client.Tests.Reporting;

/// <summary>The JSON Schema of a TLS report in TestData, which every report the tests produce must pass.</summary>
internal static class ReportSchema
{
    private static readonly Lazy<JsonSchema> s_schema = new(() =>
        JsonSchema.FromFile(TestFile("tlsrpt-report.schema.json")));

    public static string TestFile(string name) =>
        Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "Reporting", name);

    public static void AssertValid(byte[] json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        EvaluationResults results = s_schema.Value.Evaluate(
            document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.That(results.IsValid, Is.True, () => "Not valid against the report schema: " + Describe(results));
    }

    public static bool IsValid(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return s_schema.Value.Evaluate(document.RootElement).IsValid;
    }

    private static string Describe(EvaluationResults results)
    {
        IEnumerable<EvaluationResults> all = results.Details is { Count: > 0 } details ? details : [results];
        return string.Join("; ", all
            .Where(r => r.Errors is { Count: > 0 })
            .SelectMany(r => r.Errors!.Select(e => $"{r.InstanceLocation}: {e.Value}")));
    }
}
