using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace MtaSts.Client.Reporting;

/// <summary>Who sends TLS reports, where the counts are kept, and when reports go out.</summary>
public sealed class TlsReportingOptions
{
    private static readonly TimeSpan s_longestSpan = TimeSpan.FromDays(7);

    /// <summary>Gets or sets the <c>organization-name</c> of every report.</summary>
    /// <value>No default; required.</value>
    public string? OrganizationName { get; set; }

    /// <summary>Gets or sets the <c>contact-info</c> of every report: an address such as <c>tlsrpt@sender.example</c>.</summary>
    /// <value>No default; required.</value>
    public string? ContactInfo { get; set; }

    /// <summary>
    /// Gets or sets the submitter domain: the right side of every <c>report-id</c>, the first part of
    /// every file name, and the <c>TLS-Report-Submitter</c> of mail deliveries. RFC 8460 §5.3 requires
    /// it to be the domain of <see cref="ContactInfo"/>.
    /// </summary>
    /// <value><see langword="null"/>: the domain of <see cref="ContactInfo"/>.</value>
    public string? SubmitterDomain { get; set; }

    /// <summary>Gets or sets the directory where counts are kept across restarts (<see cref="FileTlsReportStore"/>).</summary>
    /// <value><see langword="null"/>: counts are kept in memory only (<see cref="MemoryTlsReportStore"/>).</value>
    public string? StoreDirectory { get; set; }

    /// <summary>Gets or sets how often the file store writes changed counts.</summary>
    /// <value>One minute. Zero means only on shutdown; must not be negative.</value>
    public TimeSpan StoreFlushInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets or sets the longest random delay after the end of a UTC day before its reports are sent,
    /// which spreads the load on receivers (RFC 8460 §4.1).
    /// </summary>
    /// <value>Four hours. Zero sends right after midnight; at most 24 hours.</value>
    public TimeSpan MaximumSendDelay { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Gets or sets the wait before the first retry of a failed delivery; each next wait doubles.</summary>
    /// <value>Five minutes. Must be positive and no longer than <see cref="MaximumRetryDelay"/>.</value>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the longest wait between two attempts at one destination.</summary>
    /// <value>Four hours.</value>
    public TimeSpan MaximumRetryDelay { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Gets or sets how long after its first attempt a destination is given up (RFC 8460 §5.5).</summary>
    /// <value>24 hours. Must be positive and at most seven days.</value>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets how much one day of one Policy Domain may hold.</summary>
    public ReportLimits Limits { get; } = new();

    /// <summary>Gets how reports are posted to <c>https:</c> destinations.</summary>
    public ReportDeliveryOptions Delivery { get; } = new();

    /// <summary>Gets the submitter domain in effect: the domain of <see cref="ContactInfo"/>, which it must equal.</summary>
    internal string EffectiveSubmitterDomain =>
        TlsReport.SubmitterDomainOf(ContactInfo ?? string.Empty) ?? SubmitterDomain ?? string.Empty;

    /// <summary>Checks every option and reports all problems at once.</summary>
    /// <exception cref="ArgumentException">One or more options are invalid; the message names each property.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(OrganizationName))
        {
            problems.Add($"{nameof(OrganizationName)} is required.");
        }

        string? contactDomain = ContactInfo is null ? null : TlsReport.SubmitterDomainOf(ContactInfo);
        if (contactDomain is null || ContactInfo!.AsSpan().ContainsAnyExceptInRange('!', '~'))
        {
            problems.Add($"{nameof(ContactInfo)} must be an address local-part@domain (was '{ContactInfo}').");
        }

        if (SubmitterDomain is not null && contactDomain is not null
            && !string.Equals(TlsReport.SubmitterDomainOf("x@" + SubmitterDomain), contactDomain, StringComparison.Ordinal))
        {
            problems.Add($"{nameof(SubmitterDomain)} '{SubmitterDomain}' must be the domain of {nameof(ContactInfo)}, "
                + $"'{contactDomain}' (RFC 8460 §5.3).");
        }

        if (StoreDirectory is not null && string.IsNullOrWhiteSpace(StoreDirectory))
        {
            problems.Add($"{nameof(StoreDirectory)} must be null (counts in memory) or a directory.");
        }

        CheckSpan(problems, nameof(StoreFlushInterval), StoreFlushInterval, allowZero: true);
        CheckSpan(problems, nameof(MaximumSendDelay), MaximumSendDelay, allowZero: true, TimeSpan.FromHours(24));
        CheckSpan(problems, nameof(FirstRetryDelay), FirstRetryDelay, allowZero: false);
        CheckSpan(problems, nameof(MaximumRetryDelay), MaximumRetryDelay, allowZero: false);
        CheckSpan(problems, nameof(RetryPeriod), RetryPeriod, allowZero: false);
        if (FirstRetryDelay > MaximumRetryDelay)
        {
            problems.Add($"{nameof(FirstRetryDelay)} must not be longer than {nameof(MaximumRetryDelay)}.");
        }

        CheckLimits(problems);
        Delivery.Collect(nameof(Delivery), problems);
        if (problems.Count > 0)
        {
            var message = new StringBuilder("The TLS reporting options are invalid:");
            foreach (string problem in problems)
            {
                message.Append(' ').Append(problem);
            }

            throw new ArgumentException(message.ToString());
        }
    }

    private void CheckLimits(List<string> problems)
    {
        try
        {
            Limits.Validate();
        }
        catch (ArgumentException e)
        {
            problems.Add(nameof(Limits) + ": " + e.Message);
        }
    }

    private static void CheckSpan(List<string> problems, string name, TimeSpan value, bool allowZero, TimeSpan? longest = null)
    {
        TimeSpan limit = longest ?? s_longestSpan;
        bool tooShort = allowZero ? value < TimeSpan.Zero : value <= TimeSpan.Zero;
        if (tooShort || value > limit)
        {
            string lowest = allowZero ? "zero" : "more than zero";
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"{name} must be from {lowest} to {limit} (was {value})."));
        }
    }
}
