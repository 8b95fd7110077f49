using System.Collections.Generic;
using MtaSts.Client.Policies;

namespace MtaSts.Cli;

/// <summary>Whether one MX host given with <c>--mx</c> is covered by a policy, and by which pattern.</summary>
/// <param name="Host">The MX host as given.</param>
/// <param name="Pattern">The first <c>mx</c> pattern that matches it, or <see langword="null"/>.</param>
internal readonly record struct MxMatch(string Host, string? Pattern)
{
    /// <summary>Gets a value indicating whether a pattern matches the host.</summary>
    public bool Matches => Pattern is not null;

    /// <summary>Finds the first pattern that matches a host.</summary>
    /// <param name="host">The MX host.</param>
    /// <param name="patterns">
    /// The usable patterns. These come from the parse result rather than the policy so that a
    /// domain owner can check a draft that is not valid yet.
    /// </param>
    /// <returns>The match, whose <see cref="Pattern"/> is <see langword="null"/> when none matches.</returns>
    public static MxMatch Find(string host, IReadOnlyList<MxPattern> patterns)
    {
        foreach (MxPattern pattern in patterns)
        {
            if (pattern.Matches(host))
            {
                return new MxMatch(host, pattern.Value);
            }
        }

        return new MxMatch(host, null);
    }
}
