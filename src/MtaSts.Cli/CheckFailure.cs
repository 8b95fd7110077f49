using System;
using System.Collections.Generic;
using MtaSts.Client.Discovery;
using MtaSts.Client.Policies;
using MtaSts.Client.Resolution;

namespace MtaSts.Cli;

/// <summary>What kept a check from finding a policy: the TXT record, or the fetch it announced.</summary>
/// <param name="Kind">
/// <c>no-record</c>, <c>multiple-records</c>, <c>invalid-record</c>, <c>dns-failure</c>,
/// <c>fetch-error</c>, <c>webpki-invalid</c> or <c>policy-invalid</c>.
/// </param>
/// <param name="Reason">A stable code for the cause: a diagnostic code or the fetch's reason code.</param>
/// <param name="ResultType">
/// The RFC 8460 result type a report records, or <see langword="null"/> for a record problem, which
/// is not reported when no policy is cached.
/// </param>
/// <param name="Message">A sentence saying what happened.</param>
/// <param name="Diagnostics">What the parser found in a fetched body that is not a valid policy.</param>
internal sealed record CheckFailure(
    string Kind,
    string Reason,
    string? ResultType,
    string Message,
    IReadOnlyList<ParseDiagnostic> Diagnostics)
{
    private const string DnsErrorReason = "dns-error";

    /// <summary>Finds what went wrong in a resolution.</summary>
    /// <param name="record">What the TXT lookup found.</param>
    /// <param name="fetchFailure">The failed fetch, if any.</param>
    /// <returns>
    /// The failure, or <see langword="null"/> when the record was found and the policy fetched.
    /// </returns>
    public static CheckFailure? Find(RecordDiscoveryResult record, PolicyFetchResult? fetchFailure)
    {
        if (!record.IsFound)
        {
            return FromRecord(record);
        }

        return fetchFailure is null ? null : FromFetch(fetchFailure);
    }

    private static CheckFailure FromRecord(RecordDiscoveryResult record)
    {
        string kind = record.Outcome switch
        {
            RecordDiscoveryOutcome.NotFound => "no-record",
            RecordDiscoveryOutcome.Multiple => "multiple-records",
            RecordDiscoveryOutcome.Invalid => "invalid-record",
            RecordDiscoveryOutcome.DnsFailure => "dns-failure",
            _ => throw new ArgumentOutOfRangeException(nameof(record), record.Outcome, "Not a failure."),
        };

        // NXDOMAIN and NODATA come without diagnostics: there was no TXT record to parse.
        string reason = record.Outcome switch
        {
            RecordDiscoveryOutcome.DnsFailure => DnsErrorReason,
            _ => FirstErrorCode(record.Diagnostics) ?? DiagnosticCodes.RecordNotFound,
        };
        return new CheckFailure(kind, reason, ResultType: null, record.Reason, []);
    }

    private static CheckFailure FromFetch(PolicyFetchResult fetch)
    {
        string kind = fetch.Outcome switch
        {
            PolicyFetchOutcome.FetchError => "fetch-error",
            PolicyFetchOutcome.WebPkiInvalid => "webpki-invalid",
            PolicyFetchOutcome.PolicyInvalid => "policy-invalid",
            _ => throw new ArgumentOutOfRangeException(nameof(fetch), fetch.Outcome, "Not a failure."),
        };

        return new CheckFailure(
            kind,
            fetch.FailureReasonCode ?? kind,
            fetch.ResultType,
            fetch.Message,
            fetch.ParseResult?.Diagnostics ?? Array.Empty<ParseDiagnostic>());
    }

    private static string? FirstErrorCode(IReadOnlyList<ParseDiagnostic> diagnostics)
    {
        foreach (ParseDiagnostic diagnostic in diagnostics)
        {
            if (diagnostic.IsError)
            {
                return diagnostic.Code;
            }
        }

        return null;
    }
}
