using System;
using System.Buffers;

namespace MtaSts.Client.Policies;

/// <summary>The field-name grammar that the record and the policy share (RFC 8461 §3.1, §3.2).</summary>
internal static class FieldSyntax
{
    private const int MaxFieldNameLength = 32;

    private static readonly SearchValues<char> s_fieldNameCharacters =
        SearchValues.Create("-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");

    /// <summary>A letter or digit, then up to 31 letters, digits, <c>_</c>, <c>-</c> or <c>.</c>.</summary>
    public static bool IsFieldName(ReadOnlySpan<char> name) =>
        name.Length is > 0 and <= MaxFieldNameLength
        && char.IsAsciiLetterOrDigit(name[0])
        && !name.ContainsAnyExcept(s_fieldNameCharacters);
}
