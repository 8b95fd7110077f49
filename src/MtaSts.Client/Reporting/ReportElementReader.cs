using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text.Json;
using MtaSts.Client.Policies;

namespace MtaSts.Client.Reporting;

/// <summary>Walks a parsed report, collecting every problem with the path of the field it is about.</summary>
internal sealed class ReportElementReader
{
    private DiagnosticList _diagnostics;

    public void Error(string code, string message) => _diagnostics.Error(code, message);

    public TlsReportReadResult Result(TlsReport? report) =>
        new(_diagnostics.HasErrors ? null : report, _diagnostics.ToList());

    public TlsReport? ReadReport(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            Error(TlsRptDiagnosticCodes.ReportInvalidJson, $"The report is a JSON {Kind(root)}, not an object.");
            return null;
        }

        string? organization = RequiredString(root, "organization-name", string.Empty);
        string? contact = RequiredString(root, "contact-info", string.Empty);
        string? reportId = RequiredString(root, "report-id", string.Empty);
        DateTimeOffset start = default;
        DateTimeOffset end = default;
        if (Required(root, "date-range", string.Empty, JsonValueKind.Object) is { } range)
        {
            start = RequiredDate(range, "start-datetime", "date-range");
            end = RequiredDate(range, "end-datetime", "date-range");
            if (end < start)
            {
                Error(TlsRptDiagnosticCodes.ReportInvalidField, "date-range ends before it starts.");
            }
        }

        List<PolicyResults>? policies = ReadPolicies(root);
        return _diagnostics.HasErrors
            ? null
            : new TlsReport(organization!, start, end, contact!, reportId!, policies!);
    }

    public List<PolicyResults>? ReadPolicies(JsonElement container)
    {
        if (Required(container, "policies", string.Empty, JsonValueKind.Array) is not { } array)
        {
            return null;
        }

        var policies = new List<PolicyResults>();
        int index = 0;
        foreach (JsonElement element in array.EnumerateArray())
        {
            string path = Path("policies", index++);
            if (element.ValueKind != JsonValueKind.Object)
            {
                Invalid(path, "an object", element);
                continue;
            }

            if (ReadPolicyResults(element, path) is { } results)
            {
                policies.Add(results);
            }
        }

        return policies;
    }

    private PolicyResults? ReadPolicyResults(JsonElement element, string path)
    {
        ReportPolicy? policy = null;
        if (Required(element, "policy", path, JsonValueKind.Object) is { } policyElement)
        {
            policy = ReadPolicy(policyElement, path + ".policy");
        }

        long successful = 0;
        long failed = 0;
        if (Required(element, "summary", path, JsonValueKind.Object) is { } summary)
        {
            successful = RequiredCount(summary, "total-successful-session-count", path + ".summary");
            failed = RequiredCount(summary, "total-failure-session-count", path + ".summary");
        }

        var details = new List<FailureDetailCount>();
        if (element.TryGetProperty("failure-details", out JsonElement detailArray))
        {
            if (detailArray.ValueKind != JsonValueKind.Array)
            {
                Invalid(path + ".failure-details", "an array", detailArray);
            }
            else
            {
                int index = 0;
                foreach (JsonElement detail in detailArray.EnumerateArray())
                {
                    if (ReadFailureDetail(detail, Path(path + ".failure-details", index++)) is { } read)
                    {
                        details.Add(read);
                    }
                }
            }
        }

        return policy is null ? null : new PolicyResults(policy, successful, failed, details);
    }

    private ReportPolicy? ReadPolicy(JsonElement element, string path)
    {
        string? type = RequiredString(element, "policy-type", path);
        if (type is not null && !PolicyTypes.IsDefined(type))
        {
            Error(TlsRptDiagnosticCodes.ReportInvalidField,
                $"{path}.policy-type '{Printable.Of(type)}' is not 'sts', 'tlsa' or 'no-policy-found'.");
            type = null;
        }

        PolicyDomain? domain = null;
        if (RequiredString(element, "policy-domain", path) is { } name && !PolicyDomain.TryCreate(name, out domain))
        {
            Error(TlsRptDiagnosticCodes.ReportInvalidField, $"{path}.policy-domain '{Printable.Of(name)}' is not a domain name.");
        }

        List<string> strings = Strings(element, "policy-string", path, required: type is PolicyTypes.Sts or PolicyTypes.Tlsa);
        List<string> mxHosts = Strings(element, "mx-host", path, required: false);
        return type is null || domain is null ? null : new ReportPolicy(type, domain, strings, mxHosts);
    }

    private FailureDetailCount? ReadFailureDetail(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Invalid(path, "an object", element);
            return null;
        }

        string? resultType = RequiredString(element, "result-type", path);
        if (resultType is not null && !ResultTypes.IsFailure(resultType))
        {
            Error(TlsRptDiagnosticCodes.ReportInvalidField,
                $"{path}.result-type '{Printable.Of(resultType)}' is not an RFC 8460 failure result type.");
            resultType = null;
        }

        IPAddress? sendingIp = OptionalAddress(element, "sending-mta-ip", path);
        IPAddress? receivingIp = OptionalAddress(element, "receiving-ip", path);
        string? hostname = OptionalString(element, "receiving-mx-hostname", path);
        string? helo = OptionalString(element, "receiving-mx-helo", path);
        string? reason = OptionalString(element, "failure-reason-code", path);
        Uri? information = null;
        if (OptionalString(element, "additional-information", path) is { } text
            && !Uri.TryCreate(text, UriKind.Absolute, out information))
        {
            Error(TlsRptDiagnosticCodes.ReportInvalidField, $"{path}.additional-information is not an absolute URI.");
        }

        long count = RequiredCount(element, "failed-session-count", path);
        return resultType is null
            ? null
            : new FailureDetailCount(
                new FailureDetail(resultType, sendingIp, hostname, helo, receivingIp, reason, information), count);
    }

    private JsonElement? Required(JsonElement parent, string name, string path, JsonValueKind kind)
    {
        string field = Join(path, name);
        if (!parent.TryGetProperty(name, out JsonElement value))
        {
            _diagnostics.Error(TlsRptDiagnosticCodes.ReportMissingField, $"{field} is missing.");
            return null;
        }

        if (value.ValueKind != kind)
        {
            Invalid(field, kind == JsonValueKind.Array ? "an array" : "an object", value);
            return null;
        }

        return value;
    }

    private string? RequiredString(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out JsonElement value))
        {
            _diagnostics.Error(TlsRptDiagnosticCodes.ReportMissingField, $"{Join(path, name)} is missing.");
            return null;
        }

        return AsString(value, Join(path, name));
    }

    private string? OptionalString(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out JsonElement value) ? AsString(value, Join(path, name)) : null;

    private string? AsString(JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Invalid(field, "a string", value);
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // JSON may escape half of a surrogate pair (\uD800), which no .NET string can hold.
            Error(TlsRptDiagnosticCodes.ReportInvalidField, $"{field} is not valid Unicode text.");
            return null;
        }
    }

    private IPAddress? OptionalAddress(JsonElement parent, string name, string path)
    {
        string? text = OptionalString(parent, name, path);
        if (!TlsReportReader.TryParseAddress(text, out IPAddress? address))
        {
            Error(TlsRptDiagnosticCodes.ReportInvalidField,
                $"{Join(path, name)} '{Printable.Of(text)}' is not an IPv4 or IPv6 address.");
        }

        return address;
    }

    private DateTimeOffset RequiredDate(JsonElement parent, string name, string path)
    {
        string? text = RequiredString(parent, name, path);
        if (text is null)
        {
            return default;
        }

        if (!TlsReportReader.TryParseDate(text, out DateTimeOffset value))
        {
            Error(TlsRptDiagnosticCodes.ReportInvalidField,
                $"{Join(path, name)} '{Printable.Of(text)}' is not an RFC 3339 date-time with a time zone.");
        }

        return value;
    }

    private long RequiredCount(JsonElement parent, string name, string path)
    {
        string field = Join(path, name);
        if (!parent.TryGetProperty(name, out JsonElement value))
        {
            _diagnostics.Error(TlsRptDiagnosticCodes.ReportMissingField, $"{field} is missing.");
            return 0;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long count) || count < 0)
        {
            Invalid(field, "a whole number of zero or more", value);
            return 0;
        }

        return count;
    }

    private List<string> Strings(JsonElement parent, string name, string path, bool required)
    {
        var strings = new List<string>();
        string field = Join(path, name);
        if (!parent.TryGetProperty(name, out JsonElement value))
        {
            if (required)
            {
                _diagnostics.Error(TlsRptDiagnosticCodes.ReportMissingField, $"{field} is missing.");
            }

            return strings;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            if (AsString(value, field) is { } single)
            {
                strings.Add(single);
            }

            return strings;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Invalid(field, "an array of strings", value);
            return strings;
        }

        int index = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            if (AsString(item, Path(field, index++)) is { } text)
            {
                strings.Add(text);
            }
        }

        return strings;
    }

    private void Invalid(string field, string expected, JsonElement value) =>
        _diagnostics.Error(TlsRptDiagnosticCodes.ReportInvalidField, $"{field} must be {expected}, not a JSON {Kind(value)}.");

    private static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant();

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string Path(string path, int index) =>
        path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
}
