using System;
using System.Diagnostics.CodeAnalysis;

namespace MtaSts.Client.Policies;

/// <summary>
/// The domain whose MTA-STS policy applies to a delivery (RFC 8461 §1.1, §3.4): the recipient
/// domain, or the smart host's domain when mail is relayed through one. Always in normal form:
/// A-labels, lower case, no trailing dot.
/// </summary>
public sealed class PolicyDomain : IEquatable<PolicyDomain>
{
    private const string RecordPrefix = "_mta-sts.";
    private const string PolicyHostPrefix = "mta-sts.";

    // The longest domain whose _mta-sts record name is still a valid DNS name.
    private const int MaxLength = HostName.MaxLength - 9;

    private PolicyDomain(string name)
    {
        Name = name;
    }

    /// <summary>Gets the domain in normal form, for example <c>xn--bcher-kva.example</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the name of the TXT record that announces the policy, <c>_mta-sts.</c> and the domain.</summary>
    public string RecordName => RecordPrefix + Name;

    /// <summary>Gets the Policy Host, <c>mta-sts.</c> and the domain, which serves the policy over HTTPS.</summary>
    public string PolicyHost => PolicyHostPrefix + Name;

    /// <summary>Gets the address the policy is fetched from (RFC 8461 §3.2).</summary>
    public Uri PolicyUri => new("https://" + PolicyHost + "/.well-known/mta-sts.txt", UriKind.Absolute);

    /// <summary>Brings a domain name to normal form.</summary>
    /// <param name="domain">The domain, in any case, in U-labels or A-labels, with or without a trailing dot.</param>
    /// <param name="policyDomain">The normalised domain, when <paramref name="domain"/> is a host name.</param>
    /// <returns>
    /// <see langword="false"/> for anything that cannot have a policy: an address literal, an IP
    /// address, or text that is not a domain name.
    /// </returns>
    public static bool TryCreate([NotNullWhen(true)] string? domain, [NotNullWhen(true)] out PolicyDomain? policyDomain)
    {
        policyDomain = null;
        if (string.IsNullOrEmpty(domain) || domain[0] == '[')
        {
            return false;
        }

        // The address check runs on the ASCII form, where no look-alike digit or dot is left.
        if (!HostName.TryNormalize(domain, out ReadOnlySpan<char> normalized)
            || normalized.Length > MaxLength
            || !HostName.IsValidDomain(normalized)
            || IsIPv4Address(normalized))
        {
            return false;
        }

        policyDomain = new PolicyDomain(ToLowerAscii(normalized, domain));
        return true;
    }

    /// <summary>Brings a domain name to normal form.</summary>
    /// <param name="domain">The domain, in any case, in U-labels or A-labels, with or without a trailing dot.</param>
    /// <returns>The normalised domain.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="domain"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="domain"/> cannot have a policy.</exception>
    public static PolicyDomain Create(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);

        return TryCreate(domain, out PolicyDomain? policyDomain)
            ? policyDomain
            : throw new ArgumentException(
                $"'{domain}' is not a domain name that can publish an MTA-STS policy.", nameof(domain));
    }

    /// <summary>Takes the Policy Domain from a recipient address (the part after the last <c>@</c>).</summary>
    /// <param name="address">The recipient address, for example <c>bob@Example.COM</c>.</param>
    /// <param name="policyDomain">The normalised domain.</param>
    /// <returns>
    /// <see langword="false"/> when the address has no domain part or its domain cannot have a
    /// policy, such as the address literal in <c>user@[192.0.2.1]</c> (RFC 8461 §3.4).
    /// </returns>
    public static bool TryFromAddress(
        [NotNullWhen(true)] string? address,
        [NotNullWhen(true)] out PolicyDomain? policyDomain)
    {
        int at = address?.LastIndexOf('@') ?? -1;
        if (at < 0)
        {
            policyDomain = null;
            return false;
        }

        return TryCreate(address![(at + 1)..], out policyDomain);
    }

    /// <inheritdoc/>
    public bool Equals(PolicyDomain? other) =>
        other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PolicyDomain);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static bool IsIPv4Address(ReadOnlySpan<char> name)
    {
        // Dotted digits are an address, not a name: a TLD is never all digits.
        int lastDot = name.LastIndexOf('.');
        ReadOnlySpan<char> tld = name[(lastDot + 1)..];
        return !tld.IsEmpty && !tld.ContainsAnyExceptInRange('0', '9');
    }

    private static string ToLowerAscii(ReadOnlySpan<char> name, string original)
    {
        string text = name.Equals(original, StringComparison.Ordinal) ? original : name.ToString();
        return name.ContainsAnyInRange('A', 'Z') ? text.ToLowerInvariant() : text;
    }
}
