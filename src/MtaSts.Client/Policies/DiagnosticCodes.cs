namespace MtaSts.Client.Policies;

/// <summary>
/// The stable codes of <see cref="ParseDiagnostic"/>. Codes are part of the public contract: new
/// codes may be added, existing ones are never renamed.
/// </summary>
public static class DiagnosticCodes
{
    /// <summary>No TXT record begins with <c>v=STSv1;</c>.</summary>
    public const string RecordNotFound = "record-not-found";

    /// <summary>More than one TXT record begins with <c>v=STSv1;</c> (RFC 8461 §3.1).</summary>
    public const string RecordMultiple = "record-multiple";

    /// <summary>The value does not begin with <c>v=STSv1</c> followed by <c>;</c>.</summary>
    public const string RecordNotSts = "record-not-sts";

    /// <summary>The record contains characters outside printable US-ASCII.</summary>
    public const string RecordNonAscii = "record-non-ascii";

    /// <summary>Two <c>;</c> delimiters with no field between them.</summary>
    public const string RecordEmptyField = "record-empty-field";

    /// <summary>A field is not <c>name=value</c> with a valid name and value.</summary>
    public const string RecordInvalidField = "record-invalid-field";

    /// <summary>The record has no <c>id</c> field.</summary>
    public const string RecordMissingId = "record-missing-id";

    /// <summary>The <c>id</c> is not 1 to 32 letters and digits.</summary>
    public const string RecordInvalidId = "record-invalid-id";

    /// <summary>A second <c>id</c> field, ignored because the first one counts.</summary>
    public const string RecordDuplicateId = "record-duplicate-id";

    /// <summary>White space after the last field without a closing <c>;</c>.</summary>
    public const string RecordTrailingWhitespace = "record-trailing-whitespace";

    /// <summary>The policy body is larger than 65,536 bytes.</summary>
    public const string PolicyTooLarge = "policy-too-large";

    /// <summary>The policy body starts with a UTF-8 byte order mark.</summary>
    public const string PolicyByteOrderMark = "policy-byte-order-mark";

    /// <summary>The policy body is not valid UTF-8.</summary>
    public const string PolicyInvalidUtf8 = "policy-invalid-utf8";

    /// <summary>A control character (a lone CR, NUL, …) in the policy body.</summary>
    public const string PolicyControlCharacter = "policy-control-character";

    /// <summary>An empty line, or one made only of white space.</summary>
    public const string PolicyBlankLine = "policy-blank-line";

    /// <summary>White space at the start of a line.</summary>
    public const string PolicyLeadingWhitespace = "policy-leading-whitespace";

    /// <summary>White space between a key and its <c>:</c>.</summary>
    public const string PolicyWhitespaceBeforeColon = "policy-whitespace-before-colon";

    /// <summary>A line that is not <c>key: value</c> with a valid key.</summary>
    public const string PolicyNotAField = "policy-not-a-field";

    /// <summary>An unknown field whose value is empty or not a valid extension value.</summary>
    public const string PolicyInvalidExtension = "policy-invalid-extension";

    /// <summary>An unknown key that looks like a misspelt known key (keys are case-sensitive).</summary>
    public const string PolicyMisspeltKey = "policy-misspelt-key";

    /// <summary>A repeated <c>version</c>, <c>mode</c> or <c>max_age</c>; only the first one counts.</summary>
    public const string PolicyDuplicateField = "policy-duplicate-field";

    /// <summary>The <c>version</c> is not <c>STSv1</c>.</summary>
    public const string PolicyInvalidVersion = "policy-invalid-version";

    /// <summary>The <c>mode</c> is not <c>enforce</c>, <c>testing</c> or <c>none</c>.</summary>
    public const string PolicyInvalidMode = "policy-invalid-mode";

    /// <summary>The <c>max_age</c> is not 1 to 10 digits.</summary>
    public const string PolicyInvalidMaxAge = "policy-invalid-max-age";

    /// <summary>The <c>max_age</c> is above 31,557,600 seconds and was lowered to it.</summary>
    public const string PolicyMaxAgeClamped = "policy-max-age-clamped";

    /// <summary>An <c>mx</c> value that is not a domain name, optionally starting with <c>*.</c>.</summary>
    public const string PolicyInvalidMx = "policy-invalid-mx";

    /// <summary>An <c>mx</c> value ending in a dot.</summary>
    public const string PolicyMxTrailingDot = "policy-mx-trailing-dot";

    /// <summary>An <c>mx</c> value written with U-labels instead of A-labels.</summary>
    public const string PolicyMxULabel = "policy-mx-u-label";

    /// <summary>The policy has no <c>version</c> field.</summary>
    public const string PolicyMissingVersion = "policy-missing-version";

    /// <summary>The policy has no <c>mode</c> field.</summary>
    public const string PolicyMissingMode = "policy-missing-mode";

    /// <summary>The policy has no <c>max_age</c> field.</summary>
    public const string PolicyMissingMaxAge = "policy-missing-max-age";

    /// <summary>An <c>enforce</c> or <c>testing</c> policy without a usable <c>mx</c> pattern.</summary>
    public const string PolicyMissingMx = "policy-missing-mx";

    /// <summary>More problems were found than are listed.</summary>
    public const string TooManyDiagnostics = "too-many-diagnostics";
}
