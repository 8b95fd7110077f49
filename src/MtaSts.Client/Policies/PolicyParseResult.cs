using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace MtaSts.Client.Policies;

/// <summary>
/// What the policy parser made of a body: the policy when it is valid, and in every case the fields
/// it could read and every diagnostic, so that a linter can show a broken policy too.
/// </summary>
public sealed class PolicyParseResult : ParseResult
{
    // The fields read from an invalid body; a valid one answers from its policy, so the common
    // case carries no copy of them.
    private readonly FieldsRead? _invalid;

    internal PolicyParseResult(ParsingProfile profile, MtaStsPolicy policy, IReadOnlyList<ParseDiagnostic> diagnostics)
        : base(profile, diagnostics)
    {
        Policy = policy;
    }

    internal PolicyParseResult(
        ParsingProfile profile,
        IReadOnlyList<ParseDiagnostic> diagnostics,
        string? version,
        PolicyMode? mode,
        int? maxAgeSeconds,
        IReadOnlyList<MxPattern> mxPatterns,
        IReadOnlyList<ExtensionField> extensions)
        : base(profile, diagnostics)
    {
        _invalid = new FieldsRead(version, mode, maxAgeSeconds, mxPatterns, extensions);
    }

    /// <summary>Gets the policy, or <see langword="null"/> when the body is not a valid policy.</summary>
    public MtaStsPolicy? Policy { get; }

    /// <summary>Gets a value indicating whether the body is a valid policy.</summary>
    [MemberNotNullWhen(true, nameof(Policy))]
    public bool IsValid => Policy is not null;

    /// <summary>Gets the <c>version</c> when the first one read is valid, otherwise <see langword="null"/>.</summary>
    public string? Version => Policy is null ? _invalid!.Version : Policy.Version;

    /// <summary>Gets the <c>mode</c> when the first one read is valid, otherwise <see langword="null"/>.</summary>
    public PolicyMode? Mode => Policy is null ? _invalid!.Mode : Policy.Mode;

    /// <summary>
    /// Gets the <c>max_age</c> that applies, in seconds (lowered to <see cref="PolicyParser.MaxAgeLimit"/>),
    /// when the first one read is valid, otherwise <see langword="null"/>.
    /// </summary>
    public int? MaxAgeSeconds => Policy is null ? _invalid!.MaxAgeSeconds : Policy.MaxAgeSeconds;

    /// <summary>Gets the usable <c>mx</c> patterns read, in order.</summary>
    public IReadOnlyList<MxPattern> MxPatterns => Policy is null ? _invalid!.MxPatterns : Policy.MxPatterns;

    /// <summary>Gets the fields RFC 8461 does not define, which are ignored.</summary>
    public IReadOnlyList<ExtensionField> Extensions => Policy is null ? _invalid!.Extensions : Policy.Extensions;

    private sealed record FieldsRead(
        string? Version,
        PolicyMode? Mode,
        int? MaxAgeSeconds,
        IReadOnlyList<MxPattern> MxPatterns,
        IReadOnlyList<ExtensionField> Extensions);
}
