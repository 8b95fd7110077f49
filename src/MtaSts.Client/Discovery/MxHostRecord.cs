namespace MtaSts.Client.Discovery;

/// <summary>One MX host of a domain, in the order a sender tries them.</summary>
/// <param name="Host">The host name, ASCII, without the trailing root dot.</param>
/// <param name="Preference">The MX preference; lower is tried first.</param>
/// <param name="IsImplicit">
/// Whether the domain has no MX record and this is the domain itself (RFC 5321 §5.1), which is
/// matched against a policy like any MX host.
/// </param>
public sealed record MxHostRecord(string Host, int Preference, bool IsImplicit = false);
