namespace MtaSts.Client.Reporting;

/// <summary>The <c>policy-type</c> values of a TLS report (RFC 8460 §4.4).</summary>
public static class PolicyTypes
{
    /// <summary>An MTA-STS policy applied.</summary>
    public const string Sts = "sts";

    /// <summary>A DANE TLSA policy applied.</summary>
    public const string Tlsa = "tlsa";

    /// <summary>No policy applied (including an MTA-STS policy in mode <c>none</c>).</summary>
    public const string NoPolicyFound = "no-policy-found";

    internal static bool IsDefined(string? value) => value is Sts or Tlsa or NoPolicyFound;
}
