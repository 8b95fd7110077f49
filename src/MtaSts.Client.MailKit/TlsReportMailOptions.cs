using System;
using System.Collections.Generic;
using System.Text;

namespace MtaSts.Client.MailKit;

/// <summary>Who TLS report messages come from, how they are signed, and how they are sent.</summary>
/// <remarks>
/// <see cref="TlsReportMailer"/> copies the options when it is created; later changes have no effect on it.
/// </remarks>
public sealed class TlsReportMailOptions
{
    /// <summary>
    /// Gets or sets the submitter domain: the <c>TLS-Report-Submitter</c> of every message, the domain of
    /// its <c>From</c> and <c>Message-ID</c>, and the DKIM signing domain. RFC 8460 §5.3 requires it to be
    /// the domain of the reports' <c>contact-info</c>; a report of another submitter is refused.
    /// </summary>
    /// <value>
    /// <see langword="null"/>: with <c>AddMtaStsReportMail</c>, the domain of
    /// <c>TlsReportingOptions.ContactInfo</c>; a mailer created directly requires it.
    /// </value>
    public string? SubmitterDomain { get; set; }

    /// <summary>
    /// Gets or sets the <c>From</c> address, which is also the envelope sender (MAIL FROM); it must be in
    /// the submitter domain. A display name may be given, as in <c>Sender Org &lt;tlsrpt@sender.example&gt;</c>.
    /// </summary>
    /// <value>
    /// <see langword="null"/>: the report's <c>contact-info</c>, with its <c>organization-name</c> as the
    /// display name.
    /// </value>
    public string? From { get; set; }

    /// <summary>Gets the DKIM key; without one, messages go unsigned and receivers ignore them.</summary>
    public DkimSigningOptions Dkim { get; private init; } = new();

    /// <summary>
    /// Gets how the sender that <c>AddMtaStsReportMail</c> makes connects to MX hosts; a mailer created
    /// directly uses the sender it is given and ignores these.
    /// </summary>
    public MtaStsSenderOptions Smtp { get; private init; } = new();

    /// <summary>Checks every option, reads the DKIM key, and throws once, naming each problem.</summary>
    /// <exception cref="ArgumentException">At least one option is invalid, or the key cannot be read.</exception>
    public void Validate() => Validate(contactInfo: null, TimeProvider.System);

    /// <summary>
    /// Checks every option against the <c>contact-info</c> the reports will carry, when it is known, and
    /// makes the DKIM signer.
    /// </summary>
    internal ReportDkimSigner? Validate(string? contactInfo, TimeProvider timeProvider)
    {
        var problems = new List<string>();
        string? submitter = EffectiveSubmitterDomain(contactInfo, problems);
        if (From is not null)
        {
            if (DomainNames.OfAddress(From) is not { } from)
            {
                problems.Add($"{nameof(From)} must be an address local-part@domain (was '{From}').");
            }
            else if (submitter is not null && from.Domain != submitter)
            {
                problems.Add($"{nameof(From)} '{From}' must be in the submitter domain '{submitter}'.");
            }
        }

        try
        {
            Smtp.Validate();
        }
        catch (ArgumentException e)
        {
            problems.Add($"{nameof(Smtp)}: {e.Message}");
        }

        int before = problems.Count;
        Dkim.Collect(nameof(Dkim), submitter, problems);
        ReportDkimSigner? signer = null;
        if (Dkim.HasKey && problems.Count == before && submitter is not null)
        {
            signer = ReportDkimSigner.Create(Dkim, submitter, timeProvider, out string? keyProblem);
            if (keyProblem is not null)
            {
                problems.Add($"{nameof(Dkim)}: {keyProblem}");
            }
        }

        if (problems.Count > 0)
        {
            var message = new StringBuilder("The report mail options are invalid:");
            foreach (string problem in problems)
            {
                message.Append(' ').Append(problem);
            }

            throw new ArgumentException(message.ToString());
        }

        return signer;
    }

    internal TlsReportMailOptions Clone() => new()
    {
        SubmitterDomain = SubmitterDomain,
        From = From,
        Dkim = Dkim.Clone(),
        Smtp = Smtp.Clone(),
    };

    /// <summary>
    /// The submitter domain in normal form: <see cref="SubmitterDomain"/>, or the domain of
    /// <paramref name="contactInfo"/>, which it must equal (RFC 8460 §5.3).
    /// </summary>
    internal string? EffectiveSubmitterDomain(string? contactInfo, List<string>? problems = null)
    {
        string? contactDomain = contactInfo is null ? null : DomainNames.OfAddress(contactInfo)?.Domain;
        if (contactInfo is not null && contactDomain is null)
        {
            problems?.Add($"The contact-info '{contactInfo}' is not an address, so it gives no submitter domain.");
        }

        if (SubmitterDomain is null)
        {
            if (contactDomain is null && contactInfo is null)
            {
                problems?.Add($"{nameof(SubmitterDomain)} is required: the domain of the reports' contact-info, "
                    + "which every message names in TLS-Report-Submitter (RFC 8460 §5.3).");
            }

            return contactDomain;
        }

        string? submitter = DomainNames.Normalize(SubmitterDomain);
        if (submitter is null)
        {
            problems?.Add($"{nameof(SubmitterDomain)} '{SubmitterDomain}' is not a domain name.");
        }
        else if (contactDomain is not null && submitter != contactDomain)
        {
            problems?.Add($"{nameof(SubmitterDomain)} '{SubmitterDomain}' must be the domain of the contact-info "
                + $"'{contactInfo}' (RFC 8460 §5.3: TLS-Report-Submitter is the contact-info domain).");
        }

        return submitter;
    }
}
