using System.Collections.Generic;
using System.Linq;

namespace MtaSts.Client.Reporting;

/// <summary>
/// Every day's counts of every Policy Domain, behind one lock: adding a session is a few dictionary
/// operations, so the lock is held for well under a microsecond. Remembers which entries changed
/// since they were last taken, for stores that write them out.
/// </summary>
internal sealed class ReportCounts
{
    private readonly object _gate = new();
    private readonly Dictionary<TlsReportKey, DayCounts> _days = new();
    private readonly HashSet<TlsReportKey> _changed = new();
    private readonly ReportLimits _limits;

    public ReportCounts(ReportLimits limits)
    {
        _limits = limits;
    }

    public SessionCountOutcome Add(TlsReportKey key, SessionResult session)
    {
        lock (_gate)
        {
            if (!_days.TryGetValue(key, out DayCounts? day))
            {
                day = new DayCounts();
                _days.Add(key, day);
            }

            SessionCountOutcome outcome = day.Add(session, _limits);
            if (outcome != SessionCountOutcome.Dropped)
            {
                _changed.Add(key);
            }

            return outcome;
        }
    }

    public void Load(TlsReportKey key, IEnumerable<PolicyResults> policies)
    {
        lock (_gate)
        {
            if (!_days.TryGetValue(key, out DayCounts? day))
            {
                day = new DayCounts();
                _days.Add(key, day);
            }

            foreach (PolicyResults results in policies)
            {
                day.Load(results);
            }
        }
    }

    public IReadOnlyList<TlsReportKey> GetKeys()
    {
        lock (_gate)
        {
            return _days.Keys.ToArray();
        }
    }

    public IReadOnlyList<PolicyResults>? Get(TlsReportKey key)
    {
        lock (_gate)
        {
            return _days.TryGetValue(key, out DayCounts? day) ? day.Snapshot() : null;
        }
    }

    public bool Remove(TlsReportKey key)
    {
        lock (_gate)
        {
            _changed.Remove(key);
            return _days.Remove(key);
        }
    }

    /// <summary>Takes the entries changed since the last call, each as a snapshot, and forgets that they changed.</summary>
    public List<KeyValuePair<TlsReportKey, List<PolicyResults>>> TakeChanged()
    {
        lock (_gate)
        {
            var changed = new List<KeyValuePair<TlsReportKey, List<PolicyResults>>>(_changed.Count);
            foreach (TlsReportKey key in _changed)
            {
                if (_days.TryGetValue(key, out DayCounts? day))
                {
                    changed.Add(new(key, day.Snapshot()));
                }
            }

            _changed.Clear();
            return changed;
        }
    }

    /// <summary>Marks an entry as changed again, after writing it out failed.</summary>
    public void MarkChanged(TlsReportKey key)
    {
        lock (_gate)
        {
            if (_days.ContainsKey(key))
            {
                _changed.Add(key);
            }
        }
    }
}
