namespace MtaSts.Client.Policies;

/// <summary>What the <c>_mta-sts</c> TXT records of a domain amount to (RFC 8461 §3.1).</summary>
public enum RecordOutcome
{
    /// <summary>Exactly one valid MTA-STS record.</summary>
    Found = 0,

    /// <summary>No record begins with <c>v=STSv1;</c>: the domain has no live policy.</summary>
    NotFound = 1,

    /// <summary>More than one record begins with <c>v=STSv1;</c>: the domain has no live policy.</summary>
    Multiple = 2,

    /// <summary>The one MTA-STS record breaks the grammar: the domain has no live policy.</summary>
    Invalid = 3,
}
