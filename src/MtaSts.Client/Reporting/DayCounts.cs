using System.Collections.Generic;

namespace MtaSts.Client.Reporting;

/// <summary>
/// The counts of one Policy Domain over one day: per distinct policy, the sessions and the failure
/// details. Not thread-safe; <see cref="ReportCounts"/> guards it.
/// </summary>
internal sealed class DayCounts
{
    private readonly Dictionary<ReportPolicy, PolicyCounts> _policies = new();

    public SessionCountOutcome Add(SessionResult session, ReportLimits limits)
    {
        if (!_policies.TryGetValue(session.Policy, out PolicyCounts? counts))
        {
            if (_policies.Count >= limits.MaxPoliciesPerDay)
            {
                return SessionCountOutcome.Dropped;
            }

            counts = new PolicyCounts();
            _policies.Add(session.Policy, counts);
        }

        if (session.IsSuccess)
        {
            counts.Successful++;
            return SessionCountOutcome.Counted;
        }

        counts.Failed++;
        SessionCountOutcome outcome = SessionCountOutcome.Counted;
        foreach (FailureDetail detail in session.Failures)
        {
            FailureDetail key = detail;
            if (!counts.Details.ContainsKey(key) && counts.Details.Count >= limits.MaxFailureDetailsPerPolicy)
            {
                // Folded entries carry only a result type, so they add at most eleven keys past the limit.
                key = detail.Folded();
                outcome = SessionCountOutcome.Folded;
            }

            counts.Details[key] = counts.Details.GetValueOrDefault(key) + 1;
        }

        return outcome;
    }

    /// <summary>Adds counts read back from a store, merging equal policies and details.</summary>
    public void Load(PolicyResults results)
    {
        if (!_policies.TryGetValue(results.Policy, out PolicyCounts? counts))
        {
            counts = new PolicyCounts();
            _policies.Add(results.Policy, counts);
        }

        counts.Successful += results.SuccessfulSessionCount;
        counts.Failed += results.FailedSessionCount;
        foreach (FailureDetailCount detail in results.FailureDetails)
        {
            counts.Details[detail.Detail] = counts.Details.GetValueOrDefault(detail.Detail) + detail.FailedSessionCount;
        }
    }

    public List<PolicyResults> Snapshot()
    {
        var snapshot = new List<PolicyResults>(_policies.Count);
        foreach (KeyValuePair<ReportPolicy, PolicyCounts> entry in _policies)
        {
            var details = new List<FailureDetailCount>(entry.Value.Details.Count);
            foreach (KeyValuePair<FailureDetail, long> detail in entry.Value.Details)
            {
                details.Add(new FailureDetailCount(detail.Key, detail.Value));
            }

            snapshot.Add(new PolicyResults(entry.Key, entry.Value.Successful, entry.Value.Failed, details));
        }

        return snapshot;
    }

    private sealed class PolicyCounts
    {
        public long Successful;
        public long Failed;
        public readonly Dictionary<FailureDetail, long> Details = new();
    }
}
