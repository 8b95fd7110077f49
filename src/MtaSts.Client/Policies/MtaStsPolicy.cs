using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Threading;

namespace MtaSts.Client.Policies;

/// <summary>
/// A valid MTA-STS policy (RFC 8461 §3.2): which MX hosts may receive a domain's mail, whether the
/// sender must refuse the others, and for how long the policy may be cached. Immutable.
/// </summary>
public sealed class MtaStsPolicy
{
    internal const string Version1 = "STSv1";

    private readonly byte[] _body;
    private readonly ArraySegment<MxPattern> _mxPatterns;
    private string? _text;
    private IReadOnlyList<string>? _lines;

    internal MtaStsPolicy(
        byte[] body,
        PolicyMode mode,
        int maxAgeSeconds,
        ArraySegment<MxPattern> mxPatterns,
        IReadOnlyList<ExtensionField> extensions)
    {
        _body = body;
        Mode = mode;
        MaxAgeSeconds = maxAgeSeconds;
        _mxPatterns = mxPatterns;
        Extensions = extensions;
    }

    /// <summary>Gets the policy version; <c>STSv1</c> is the only one defined.</summary>
#pragma warning disable CA1822 // An instance property, so that a later version can vary per policy.
    public string Version => Version1;
#pragma warning restore CA1822

    /// <summary>Gets the policy mode.</summary>
    public PolicyMode Mode { get; }

    /// <summary>
    /// Gets how long, in seconds from the fetch, the policy may be cached: the <c>max_age</c> field,
    /// lowered to <see cref="PolicyParser.MaxAgeLimit"/> if it was larger.
    /// </summary>
    public int MaxAgeSeconds { get; }

    /// <summary>Gets <see cref="MaxAgeSeconds"/> as a time span.</summary>
    public TimeSpan MaxAge => TimeSpan.FromSeconds(MaxAgeSeconds);

    /// <summary>Gets the usable <c>mx</c> patterns, in the order written.</summary>
    public IReadOnlyList<MxPattern> MxPatterns => AsList(_mxPatterns);

    /// <summary>Gets the fields RFC 8461 does not define, which are ignored.</summary>
    public IReadOnlyList<ExtensionField> Extensions { get; }

    /// <summary>Gets the policy body as received, decoded as UTF-8, without a byte order mark.</summary>
    public string Text => _text ??= Encoding.UTF8.GetString(_body);

    /// <summary>
    /// Gets the lines of the body as received, without line endings: the <c>policy-string</c> of an
    /// RFC 8460 report.
    /// </summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            if (_lines is null)
            {
                Interlocked.CompareExchange(ref _lines, SplitLines(Text), null);
            }

            return _lines;
        }
    }

    /// <summary>Reads a policy body with the sender profile.</summary>
    /// <param name="body">The body exactly as received.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="MtaStsFormatException">The body is not a valid policy.</exception>
    public static MtaStsPolicy Parse(ReadOnlySpan<byte> body)
    {
        PolicyParseResult result = PolicyParser.Parse(body);
        return result.Policy
            ?? throw new MtaStsFormatException("The body is not a valid MTA-STS policy.", result.Diagnostics);
    }

    /// <summary>Reads a policy body with the sender profile.</summary>
    /// <param name="body">The body exactly as received.</param>
    /// <param name="policy">The policy, when the body is valid.</param>
    /// <returns><see langword="true"/> when the body is a valid policy.</returns>
    public static bool TryParse(ReadOnlySpan<byte> body, [NotNullWhen(true)] out MtaStsPolicy? policy)
    {
        policy = PolicyParser.Parse(body).Policy;
        return policy is not null;
    }

    /// <summary>Whether an MX host is covered by one of the policy's <c>mx</c> patterns (RFC 8461 §4.1).</summary>
    /// <param name="mxHost">
    /// The host name from the MX record; a trailing dot is ignored and U-labels are compared as
    /// A-labels. Anything that is not a host name matches nothing.
    /// </param>
    /// <returns><see langword="true"/> when a pattern matches, whatever the <see cref="Mode"/>.</returns>
    public bool Matches(ReadOnlySpan<char> mxHost) => TryMatch(mxHost, out _);

    /// <summary>Finds the first <c>mx</c> pattern that covers an MX host (RFC 8461 §4.1).</summary>
    /// <param name="mxHost">
    /// The host name from the MX record; a trailing dot is ignored and U-labels are compared as
    /// A-labels. Anything that is not a host name matches nothing.
    /// </param>
    /// <param name="pattern">The first matching pattern, if any.</param>
    /// <returns><see langword="true"/> when a pattern matches, whatever the <see cref="Mode"/>.</returns>
    public bool TryMatch(ReadOnlySpan<char> mxHost, out MxPattern pattern)
    {
        if (HostName.TryNormalize(mxHost, out ReadOnlySpan<char> name))
        {
            var host = new MxHost(name);
            foreach (MxPattern candidate in _mxPatterns.AsSpan())
            {
                if (candidate.MatchesNormalized(host))
                {
                    pattern = candidate;
                    return true;
                }
            }
        }

        pattern = default;
        return false;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"STSv1 {Mode.ToPolicyValue()} max_age={MaxAgeSeconds} mx=[{string.Join(", ", _mxPatterns)}]";

    /// <summary>The array itself when it is full, so the common policy pays for no wrapper.</summary>
    internal static IReadOnlyList<MxPattern> AsList(ArraySegment<MxPattern> patterns) =>
        patterns.Array is { } array && patterns.Count == array.Length ? array : patterns;

    private static string[] SplitLines(string text)
    {
        var lines = new List<string>();
        int start = 0;
        while (start < text.Length)
        {
            int newline = text.IndexOf('\n', start);
            int next = newline < 0 ? text.Length : newline + 1;
            int end = newline < 0 ? text.Length : newline;
            if (newline >= 0 && end > start && text[end - 1] == '\r')
            {
                end--;
            }

            lines.Add(text[start..end]);
            start = next;
        }

        return lines.ToArray();
    }
}
