using System.CommandLine;
using MtaSts.Client.Policies;

namespace MtaSts.Cli;

/// <summary>The options every lint command shares, so that they read the same everywhere.</summary>
internal static class LintOptions
{
    /// <summary>Creates the <c>--strict</c> option.</summary>
    /// <returns>The option; its value is <see langword="false"/> when absent.</returns>
    public static Option<bool> CreateStrict() => new("--strict")
    {
        Description = "Apply the RFC 8461 grammar to the letter (what a domain owner should publish) "
            + "instead of the tolerant sender profile.",
    };

    /// <summary>Creates the <c>--json</c> option.</summary>
    /// <returns>The option; its value is <see langword="false"/> when absent.</returns>
    public static Option<bool> CreateJson() => new("--json")
    {
        Description = "Print one JSON object instead of text.",
    };

    /// <summary>Gets the profile that <c>--strict</c> selects.</summary>
    /// <param name="strict">The value of <c>--strict</c>.</param>
    /// <returns><see cref="ParsingProfile.Strict"/> or <see cref="ParsingProfile.Sender"/>.</returns>
    public static ParsingProfile ToProfile(bool strict) => strict ? ParsingProfile.Strict : ParsingProfile.Sender;

    /// <summary>Gets the name of a profile as the output shows it.</summary>
    /// <param name="profile">The profile.</param>
    /// <returns><c>strict</c> or <c>sender</c>.</returns>
    public static string ToName(ParsingProfile profile) => profile == ParsingProfile.Strict ? "strict" : "sender";
}
