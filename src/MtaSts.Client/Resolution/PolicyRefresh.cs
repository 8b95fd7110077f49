using MtaSts.Client.Discovery;

namespace MtaSts.Client.Resolution;

/// <summary>What a proactive refresh did to one cached policy.</summary>
public sealed class PolicyRefresh
{
    internal PolicyRefresh(CachedPolicy before, CachedPolicy after, RecordDiscoveryResult record, PolicyFetchResult? failure)
    {
        Before = before;
        After = after;
        Record = record;
        Failure = failure;
    }

    /// <summary>Gets the entry before the refresh.</summary>
    public CachedPolicy Before { get; }

    /// <summary>Gets the entry after it: a new one when the fetch succeeded, the same one otherwise.</summary>
    public CachedPolicy After { get; }

    /// <summary>Gets what the TXT lookup found.</summary>
    public RecordDiscoveryResult Record { get; }

    /// <summary>
    /// Gets the failed fetch, or the recent one of the same id that is not retried yet;
    /// <see langword="null"/> when the policy was renewed.
    /// </summary>
    public PolicyFetchResult? Failure { get; }

    /// <summary>Gets a value indicating whether the policy was fetched again.</summary>
    public bool IsRenewed => Failure is null;
}
