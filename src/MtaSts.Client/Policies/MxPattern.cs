using System;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace MtaSts.Client.Policies;

/// <summary>
/// One <c>mx</c> value of a policy: a host name, or <c>*.</c> and a domain standing for any host
/// exactly one label below it (RFC 8461 §4.1).
/// </summary>
/// <remarks>
/// A pattern is a view over the bytes of the policy it came from, so a policy with thousands of
/// patterns costs no allocation per pattern; <see cref="Value"/> allocates a string each time.
/// </remarks>
public readonly struct MxPattern : IEquatable<MxPattern>
{
    private readonly byte[]? _ascii;
    private readonly int _start;
    private readonly int _length;

    internal MxPattern(byte[] ascii, int start, int length)
    {
        _ascii = ascii;
        _start = start;
        _length = length;
    }

    /// <summary>Gets a value indicating whether the pattern starts with <c>*.</c>.</summary>
    public bool IsWildcard => _length > 2 && _ascii![_start] == '*';

    /// <summary>Gets the pattern as written, in A-labels and without a trailing dot.</summary>
    public string Value => Encoding.ASCII.GetString(Bytes);

    private ReadOnlySpan<byte> Bytes => _ascii.AsSpan(_start, _length);

    /// <summary>Reads an <c>mx</c> value written in the strict RFC 8461 form.</summary>
    /// <param name="value">The value, for example <c>mail.example.com</c> or <c>*.example.net</c>.</param>
    /// <returns>The pattern.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="FormatException"><paramref name="value"/> is not <c>["*."] Domain</c>.</exception>
    public static MxPattern Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);

        return TryParse(value, out MxPattern pattern)
            ? pattern
            : throw new FormatException($"'{value}' is not an MX pattern: a domain name, optionally starting with '*.'.");
    }

    /// <summary>Reads an <c>mx</c> value written in the strict RFC 8461 form.</summary>
    /// <param name="value">The value, for example <c>mail.example.com</c> or <c>*.example.net</c>.</param>
    /// <param name="pattern">The pattern, when the value is valid.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is <c>["*."] Domain</c>.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out MxPattern pattern)
    {
        if (value is not null && Ascii.IsValid(value))
        {
            byte[] ascii = Encoding.ASCII.GetBytes(value);
            if (IsValid(ascii))
            {
                pattern = new MxPattern(ascii, 0, ascii.Length);
                return true;
            }
        }

        pattern = default;
        return false;
    }

    /// <summary>Whether a host name is covered by this pattern.</summary>
    /// <param name="mxHost">
    /// The MX host name as it appears in the MX record; a trailing dot is ignored and U-labels are
    /// compared as A-labels.
    /// </param>
    /// <returns><see langword="true"/> when the host matches, ignoring ASCII case.</returns>
    public bool Matches(ReadOnlySpan<char> mxHost) =>
        HostName.TryNormalize(mxHost, out ReadOnlySpan<char> host) && MatchesNormalized(new MxHost(host));

    /// <inheritdoc/>
    public bool Equals(MxPattern other) => Ascii.EqualsIgnoreCase(Bytes, other.Bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MxPattern other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (byte b in Bytes)
        {
            hash.Add(b is >= (byte)'A' and <= (byte)'Z' ? b | 0x20 : b);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => Value;

    /// <summary>Compares two patterns ignoring ASCII case.</summary>
    /// <param name="left">The first pattern.</param>
    /// <param name="right">The second pattern.</param>
    /// <returns><see langword="true"/> when both name the same hosts.</returns>
    public static bool operator ==(MxPattern left, MxPattern right) => left.Equals(right);

    /// <summary>Compares two patterns ignoring ASCII case.</summary>
    /// <param name="left">The first pattern.</param>
    /// <param name="right">The second pattern.</param>
    /// <returns><see langword="true"/> when they name different hosts.</returns>
    public static bool operator !=(MxPattern left, MxPattern right) => !left.Equals(right);

    internal static bool IsValid(ReadOnlySpan<byte> value) =>
        value.StartsWith("*."u8) ? HostName.IsValidDomain(value[2..]) : HostName.IsValidDomain(value);

    /// <summary>Matching once the host is in ASCII without a trailing dot.</summary>
    /// <remarks>
    /// A wildcard stands for exactly one whole label: <c>*.example.com</c> covers
    /// <c>mail.example.com</c> but neither <c>example.com</c> nor <c>a.b.example.com</c>, which a
    /// suffix comparison would wrongly accept. A host equal to a valid pattern is itself valid, so
    /// only the label a wildcard stands for needs checking.
    /// </remarks>
    internal bool MatchesNormalized(in MxHost host)
    {
        ReadOnlySpan<byte> pattern = Bytes;
        if (IsWildcard)
        {
            return Ascii.EqualsIgnoreCase(host.Parent, pattern[2..]) && host.HasValidFirstLabel;
        }

        return Ascii.EqualsIgnoreCase(host.Name, pattern);
    }
}
