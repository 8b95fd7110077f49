namespace MtaSts.Client.Policies;

/// <summary>The <c>mode</c> of an MTA-STS policy (RFC 8461 §5).</summary>
public enum PolicyMode
{
    /// <summary><c>none</c>: the domain has no active policy; nothing is enforced or reported.</summary>
    None = 0,

    /// <summary><c>testing</c>: failures are reported but mail is delivered as if there were no policy.</summary>
    Testing = 1,

    /// <summary><c>enforce</c>: mail goes only to listed MX hosts with valid certificates over TLS.</summary>
    Enforce = 2,
}
