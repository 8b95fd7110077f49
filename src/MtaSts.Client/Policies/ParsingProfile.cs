namespace MtaSts.Client.Policies;

/// <summary>How strictly the record and policy parsers read their input.</summary>
/// <remarks>
/// Both profiles report every deviation from the RFC 8461 grammar as a diagnostic. They differ in
/// which deviations make the input unusable.
/// </remarks>
public enum ParsingProfile
{
    /// <summary>
    /// The profile a sending MTA uses: tolerant of harmless framing (a byte order mark, blank lines,
    /// stray white space, malformed unknown fields) and strict about every value that decides where
    /// mail may go.
    /// </summary>
    Sender = 0,

    /// <summary>The RFC 8461 ABNF to the letter; what a domain owner should publish.</summary>
    Strict = 1,
}
