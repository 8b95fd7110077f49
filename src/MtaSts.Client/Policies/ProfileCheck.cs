using System;

namespace MtaSts.Client.Policies;

/// <summary>Refuses a <see cref="ParsingProfile"/> cast from a number that names no profile.</summary>
internal static class ProfileCheck
{
    public static void ThrowIfUndefined(ParsingProfile profile)
    {
        if (profile is not (ParsingProfile.Sender or ParsingProfile.Strict))
        {
            throw new ArgumentOutOfRangeException(nameof(profile), profile, "Not a parsing profile.");
        }
    }
}
