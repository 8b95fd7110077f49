using System;

namespace MtaSts.Client.Policies;

/// <summary>Conversions between <see cref="PolicyMode"/> and the text a policy file uses.</summary>
public static class PolicyModeExtensions
{
    /// <summary>Gets the value as written in a policy file and in reports.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns><c>enforce</c>, <c>testing</c> or <c>none</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not a defined value.</exception>
    public static string ToPolicyValue(this PolicyMode mode) => mode switch
    {
        PolicyMode.Enforce => "enforce",
        PolicyMode.Testing => "testing",
        PolicyMode.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not a policy mode."),
    };
}
