using System;
using System.Diagnostics.CodeAnalysis;

namespace MtaSts.Client.Policies;

/// <summary>
/// One <c>mx</c> value of a policy: a host name, or <c>*.</c> and a domain standing for any host
/// exactly one label below it (RFC 8461 §4.1).
/// </summary>
/// <remarks>
/// A pattern is a view over the text of the policy it came from, so a policy with thousands of
/// patterns costs no string per pattern. <see cref="Value"/> allocates; <see cref="AsSpan"/> does not.
/// </remarks>
public readonly struct MxPattern : IEquatable<MxPattern>
{
    private readonly string? _text;
    private readonly int _start;
    private readonly int _length;

    internal MxPattern(string text, int start, int length)
    {
        _text = text;
        _start = start;
        _length = length;
    }

    /// <summary>Gets a value indicating whether the pattern starts with <c>*.</c>.</summary>
    public bool IsWildcard => _length > 2 && _text![_start] == '*';

    /// <summary>Gets the pattern as a string, in A-labels and without a trailing dot.</summary>
    public string Value => AsSpan().ToString();

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
        if (value is not null && IsValid(value))
        {
            pattern = new MxPattern(value, 0, value.Length);
            return true;
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
    public bool Matches(ReadOnlySpan<char> mxHost)
    {
        if (!HostName.TryNormalize(mxHost, out ReadOnlySpan<char> host))
        {
            return false;
        }

        return MatchesNormalized(host, ParentOf(host));
    }

    /// <summary>Gets the pattern's characters without allocating.</summary>
    /// <returns>The pattern text.</returns>
    public ReadOnlySpan<char> AsSpan() => _text.AsSpan(_start, _length);

    /// <inheritdoc/>
    public bool Equals(MxPattern other) => AsSpan().Equals(other.AsSpan(), StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MxPattern other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => string.GetHashCode(AsSpan(), StringComparison.OrdinalIgnoreCase);

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

    internal static bool IsValid(ReadOnlySpan<char> value) =>
        value.StartsWith("*.") ? HostName.IsValidDomain(value[2..]) : HostName.IsValidDomain(value);

    /// <summary>The host without its first label, or empty when it has only one label.</summary>
    internal static ReadOnlySpan<char> ParentOf(ReadOnlySpan<char> host)
    {
        int dot = host.IndexOf('.');
        return dot > 0 ? host[(dot + 1)..] : default;
    }

    /// <summary>Matching once the host is known to be a valid A-label host name.</summary>
    /// <remarks>
    /// A wildcard stands for exactly one whole label: <c>*.example.com</c> covers
    /// <c>mail.example.com</c> but neither <c>example.com</c> nor <c>a.b.example.com</c>, which a
    /// suffix comparison would wrongly accept.
    /// </remarks>
    internal bool MatchesNormalized(ReadOnlySpan<char> host, ReadOnlySpan<char> parent)
    {
        ReadOnlySpan<char> pattern = AsSpan();
        if (IsWildcard)
        {
            return !parent.IsEmpty && parent.Equals(pattern[2..], StringComparison.OrdinalIgnoreCase);
        }

        return host.Equals(pattern, StringComparison.OrdinalIgnoreCase);
    }
}
