using System;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace MtaSts.Testing;

/// <summary>What a test server certificate holds; anything left out takes the ordinary value.</summary>
public sealed class LeafSpec
{
    /// <summary>Gets the subjectAltName DNS-IDs; none means no DNS-ID at all.</summary>
    public string[] DnsNames { get; init; } = [];

    /// <summary>Gets the subjectAltName IP addresses.</summary>
    public IPAddress[] IPAddresses { get; init; } = [];

    /// <summary>Gets the subject; by default <c>CN=</c> and the first DNS-ID.</summary>
    public string? Subject { get; init; }

    /// <summary>Gets the start of validity; by default yesterday.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>Gets the end of validity; by default in 30 days.</summary>
    public DateTimeOffset? NotAfter { get; init; }

    /// <summary>Gets extensions added to the ordinary ones, such as a CRL distribution point.</summary>
    public X509Extension[] Extensions { get; init; } = [];

    /// <summary>Gets a value indicating whether the server sends the intermediate with the leaf.</summary>
    public bool SendIntermediate { get; init; } = true;
}
