using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace MtaSts.Client.Policies;

/// <summary>
/// What the policy parser made of a body: the policy when it is valid, and in every case the fields
/// it could read and every diagnostic, so that a linter can show a broken policy too.
/// </summary>
public sealed class PolicyParseResult : ParseResult
{
    internal PolicyParseResult(
        ParsingProfile profile,
        MtaStsPolicy? policy,
        IReadOnlyList<ParseDiagnostic> diagnostics,
        string? version,
        PolicyMode? mode,
        int? maxAgeSeconds,
        IReadOnlyList<MxPattern> mxPatterns,
        IReadOnlyList<ExtensionField> extensions)
        : base(profile, diagnostics)
    {
        Policy = policy;
        Version = version;
        Mode = mode;
        MaxAgeSeconds = maxAgeSeconds;
        MxPatterns = mxPatterns;
        Extensions = extensions;
    }

    /// <summary>Gets the policy, or <see langword="null"/> when the body is not a valid policy.</summary>
    public MtaStsPolicy? Policy { get; }

    /// <summary>Gets a value indicating whether the body is a valid policy.</summary>
    [MemberNotNullWhen(true, nameof(Policy))]
    public bool IsValid => Policy is not null;

    /// <summary>Gets the <c>version</c> when the first one read is valid, otherwise <see langword="null"/>.</summary>
    public string? Version { get; }

    /// <summary>Gets the <c>mode</c> when the first one read is valid, otherwise <see langword="null"/>.</summary>
    public PolicyMode? Mode { get; }

    /// <summary>
    /// Gets the <c>max_age</c> that applies, in seconds (lowered to <see cref="PolicyParser.MaxAgeLimit"/>),
    /// when the first one read is valid, otherwise <see langword="null"/>.
    /// </summary>
    public int? MaxAgeSeconds { get; }

    /// <summary>Gets the usable <c>mx</c> patterns read, in order.</summary>
    public IReadOnlyList<MxPattern> MxPatterns { get; }

    /// <summary>Gets the fields RFC 8461 does not define, which are ignored.</summary>
    public IReadOnlyList<ExtensionField> Extensions { get; }
}
