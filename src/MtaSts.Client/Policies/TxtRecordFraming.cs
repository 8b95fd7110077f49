using System;
using System.Collections.Generic;

namespace MtaSts.Client.Policies;

/// <summary>
/// The framing the <c>_mta-sts</c> record (RFC 8461 §3.1) and the <c>_smtp._tls</c> record (RFC 8460
/// §3) share: a version field, then fields separated by <c>;</c> with optional white space around
/// it, an optional closing <c>;</c>, and several character-strings joined with nothing between them.
/// Each parser reads its own fields.
/// </summary>
internal static class TxtRecordFraming
{
    /// <summary>Reads one field, already trimmed, into the parser's state.</summary>
    public delegate void FieldReader<TState>(
        ReadOnlySpan<char> field,
        ref TState state,
        ref DiagnosticList diagnostics);

    /// <summary>
    /// Whether a record takes part in the count of records of its kind: the version, optional white
    /// space, then <c>;</c>. White space is allowed before the <c>;</c> because the delimiter grammar
    /// allows it, so one rule serves a lone record and a record among others.
    /// </summary>
    public static bool IsCandidate(ReadOnlySpan<char> text, string version)
    {
        if (!text.StartsWith(version, StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> rest = text[version.Length..].TrimStart(" \t");
        return !rest.IsEmpty && rest[0] == ';';
    }

    /// <summary>The first record of the kind among the TXT records found, and how many there are.</summary>
    public static string? FindCandidate(IEnumerable<IEnumerable<string>> records, string version, out int count)
    {
        string? candidate = null;
        count = 0;
        foreach (IEnumerable<string>? strings in records)
        {
            string text = strings is null ? string.Empty : string.Concat(strings);
            if (IsCandidate(text, version))
            {
                candidate ??= text;
                count++;
            }
        }

        return candidate;
    }

    /// <summary>
    /// Hands every field after the version to <paramref name="read"/>, reporting empty fields and
    /// trailing white space.
    /// </summary>
    public static void ReadFields<TState>(
        string text,
        string version,
        FieldCodes codes,
        bool strict,
        FieldReader<TState> read,
        ref TState state,
        ref DiagnosticList diagnostics)
    {
        int i = SkipWhitespace(text, version.Length);
        while (i < text.Length)
        {
            // Every field runs to the next ';', so here text[i] is always a delimiter.
            i = SkipWhitespace(text, i + 1);
            if (i == text.Length)
            {
                break;
            }

            if (text[i] == ';')
            {
                diagnostics.Error(codes.EmptyField, "Two ';' with no field between them.");
                continue;
            }

            int end = text.IndexOf(';', i);
            if (end < 0)
            {
                end = text.Length;
            }

            ReadOnlySpan<char> field = text.AsSpan(i, end - i).TrimEnd(" \t");
            if (end == text.Length && i + field.Length < end)
            {
                diagnostics.Deviation(strict, codes.TrailingWhitespace,
                    "White space after the last field is only allowed after a closing ';'.", line: null);
            }

            read(field, ref state, ref diagnostics);
            i = SkipWhitespace(text, i + field.Length);
        }
    }

    /// <summary>An extension value: visible ASCII except <c>=</c> and <c>;</c>, at least one character.</summary>
    public static bool IsExtensionValue(ReadOnlySpan<char> value) =>
        !value.IsEmpty && !value.ContainsAnyExceptInRange('!', '~') && !value.ContainsAny('=', ';');

    private static int SkipWhitespace(string text, int i)
    {
        while (i < text.Length && (text[i] == ' ' || text[i] == '\t'))
        {
            i++;
        }

        return i;
    }

    /// <summary>The diagnostic codes a kind of record reports framing problems with.</summary>
    public readonly record struct FieldCodes(string EmptyField, string TrailingWhitespace);
}
