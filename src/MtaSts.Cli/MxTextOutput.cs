using System.Globalization;
using System.IO;
using MtaSts.Client.Decision;

namespace MtaSts.Cli;

/// <summary>
/// The MX part of the plain-text report of <c>mtasts check</c>: a small table per MX host, by
/// preference, each row a label and a value.
/// </summary>
internal static class MxTextOutput
{
    private const int LabelWidth = 15;
    private const string Indent = "  ";

    /// <summary>Writes a table per MX host probed, in the order probed.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="mx">What the probe found.</param>
    public static void WriteHosts(TextWriter output, MxCheckResult mx)
    {
        foreach (MxHostCheck host in mx.Hosts)
        {
            WriteHost(output, host);
        }
    }

    private static void WriteHost(TextWriter output, MxHostCheck host)
    {
        WriteRow(output, "mx host:",
            host.Record.IsImplicit ? host.Host + " (no MX record: the domain itself)" : host.Host);
        WriteRow(output, Indent + "preference:", host.Record.Preference.ToString(CultureInfo.InvariantCulture));
        if (host.Probe?.ConnectedAddress is { } address)
        {
            WriteRow(output, Indent + "address:", address.ToString());
        }

        WriteRow(output, Indent + "policy:", host.MatchesPolicy switch
        {
            true => "matches",
            false => "matches no mx pattern",
            null => "none applies",
        });

        MxDecision? decision = host.Decision;
        if (decision is { } decided)
        {
            WriteTls(output, host);
            WriteRow(output, Indent + "decision:", CheckReport.ToDecisionName(host));
            WriteRow(output, Indent + "result type:",
                decided.ReasonCode is { } code ? $"{decided.ResultType} ({code})" : decided.ResultType);
            WriteRow(output, Indent + "reason:", decided.Reason);
        }
        else
        {
            WriteRow(output, Indent + "decision:", CheckReport.ToDecisionName(host));
            WriteRow(output, Indent + "reason:", host.Problem ?? string.Empty);
        }
    }

    private static void WriteTls(TextWriter output, MxHostCheck host)
    {
        WriteRow(output, Indent + "starttls:", host.StartTlsOffered ? "offered" : "not offered");
        if (host.Certificate is not { } certificate)
        {
            if (host.StartTlsOffered)
            {
                WriteRow(output, Indent + "certificate:", "none (the TLS handshake failed)");
            }

            return;
        }

        WriteRow(output, Indent + "certificate:", certificate.Subject);
        WriteRow(output, Indent + "san dns:",
            certificate.DnsNames.Count == 0 ? "(none)" : string.Join(", ", certificate.DnsNames));
        WriteRow(output, Indent + "issuer:", certificate.Issuer);
        WriteRow(output, Indent + "not after:", MxJsonOutput.FormatDate(certificate.NotAfter));
    }

    private static void WriteRow(TextWriter output, string label, string value) =>
        output.WriteLine(label.PadRight(LabelWidth) + value.ReplaceLineEndings(" "));
}
