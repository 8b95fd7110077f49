using System;

namespace MtaSts.Client.Policies;

/// <summary>The field-name grammar that the record and the policy share (RFC 8461 §3.1, §3.2).</summary>
internal static class FieldSyntax
{
    internal const int MaxFieldNameLength = 32;

    /// <summary>A letter or digit, then up to 31 letters, digits, <c>_</c>, <c>-</c> or <c>.</c>.</summary>
    public static bool IsFieldName(ReadOnlySpan<char> name) =>
        name.Length is > 0 and <= MaxFieldNameLength
        && char.IsAsciiLetterOrDigit(name[0])
        && NameCharacters.AllIn(name, NameCharacters.FieldName);

    /// <summary><see cref="IsFieldName(ReadOnlySpan{char})"/> for the bytes of a policy.</summary>
    public static bool IsFieldName(ReadOnlySpan<byte> name) =>
        name.Length is > 0 and <= MaxFieldNameLength
        && char.IsAsciiLetterOrDigit((char)name[0])
        && NameCharacters.AllIn(name, NameCharacters.FieldName);
}
