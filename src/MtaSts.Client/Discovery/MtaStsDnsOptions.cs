using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text;

namespace MtaSts.Client.Discovery;

/// <summary>How <see cref="MtaStsDnsClient"/> asks DNS: which servers, how long to wait, how often to retry.</summary>
/// <remarks>
/// Every lookup is one query to one server at a time. A server that answers SERVFAIL or REFUSED,
/// or does not answer within <see cref="Timeout"/> after <see cref="Retries"/> more tries, is
/// followed by the next server; only when all of them fail is the lookup a temporary DNS failure.
/// The worst case for one lookup is therefore about
/// <c>Servers × (Retries + 1) × Timeout</c>.
/// </remarks>
public sealed class MtaStsDnsOptions
{
    private static readonly TimeSpan s_longestTimeout = TimeSpan.FromMilliseconds(int.MaxValue);

    // DnsClient refuses a cache lifetime above 24 days.
    private static readonly TimeSpan s_longestCacheTime = TimeSpan.FromDays(24);

    /// <summary>Gets the DNS servers to ask, in order of preference: address and port.</summary>
    /// <value>Empty by default, which means the resolvers the operating system is configured with.</value>
    public IList<IPEndPoint> Servers { get; } = new List<IPEndPoint>();

    /// <summary>Gets or sets how long to wait for one answer from one server.</summary>
    /// <value>5 seconds by default. Must be greater than zero.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how many more times to ask a server that did not answer, before moving on.</summary>
    /// <value>2 by default (three tries in all). Must be zero or more.</value>
    public int Retries { get; set; } = 2;

    /// <summary>
    /// Gets or sets the longest time an answer is reused from DnsClient's response cache;
    /// <see cref="TimeSpan.Zero"/> turns that cache off.
    /// </summary>
    /// <value>5 minutes by default. Must be zero or more, and at most 24 days.</value>
    /// <remarks>
    /// <para>
    /// The cache is kept because a sender may look up a domain's <c>_mta-sts</c> record before every
    /// delivery to notice a new policy <c>id</c> (RFC 8461 §5.1), and must before failing a message
    /// under <c>enforce</c> (§5); a query per message to a remote resolver is wasted when the answer
    /// cannot have changed.
    /// </para>
    /// <para>
    /// It can never hide an <c>id</c> change for longer than the record's TTL: an answer is kept for
    /// the lowest TTL among its records (CNAMEs included), capped by this value. No minimum is
    /// applied, so a TTL of zero is never cached. Failures and NXDOMAIN are never cached, so a
    /// record that appears, or a server that recovers, is seen on the next lookup. The cap bounds
    /// how long one-off domains stay in memory and how long an answer outlives a resolver flush.
    /// </para>
    /// </remarks>
    public TimeSpan MaximumCacheTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Checks every option and reports all problems at once.</summary>
    /// <exception cref="ArgumentException">
    /// One or more options are invalid; the message names each property.
    /// </exception>
    public void Validate()
    {
        var problems = new List<string>();
        for (int i = 0; i < Servers.Count; i++)
        {
            CheckServer(Servers[i], i, problems);
        }

        if (Timeout <= TimeSpan.Zero || Timeout > s_longestTimeout)
        {
            problems.Add(Invariant(
                $"{nameof(Timeout)} must be greater than zero and under 24 days (was {Timeout})."));
        }

        if (Retries < 0)
        {
            problems.Add(Invariant($"{nameof(Retries)} must be zero or more (was {Retries})."));
        }

        if (MaximumCacheTime < TimeSpan.Zero || MaximumCacheTime > s_longestCacheTime)
        {
            problems.Add(Invariant(
                $"{nameof(MaximumCacheTime)} must be from zero (no cache) to 24 days (was {MaximumCacheTime})."));
        }

        if (problems.Count > 0)
        {
            var message = new StringBuilder("The DNS options are invalid:");
            foreach (string problem in problems)
            {
                message.Append(' ').Append(problem);
            }

            throw new ArgumentException(message.ToString());
        }
    }

    private static void CheckServer(IPEndPoint? server, int index, List<string> problems)
    {
        string name = Invariant($"{nameof(Servers)}[{index}]");
        if (server is null)
        {
            problems.Add(name + " is null.");
            return;
        }

        if (server.Address.Equals(IPAddress.Any) || server.Address.Equals(IPAddress.IPv6Any)
            || server.Address.Equals(IPAddress.Broadcast))
        {
            problems.Add($"{name} ({server}) is not the address of a server.");
        }

        if (server.Port == 0)
        {
            problems.Add($"{name} ({server}) needs a port from 1 to 65535; DNS servers usually listen on 53.");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
