using System;
using System.Globalization;
using System.IO;

namespace MtaSts.Cli;

/// <summary>
/// The one line on standard error that says how far the MX probe has come, redrawn in place and
/// erased at the end. It is shown only to a person: never when standard error is redirected, and
/// never with JSON output, so that nothing but the report reaches a script.
/// </summary>
/// <remarks>Safe for the concurrent probes to report to.</remarks>
internal sealed class ProbeProgress
{
    private readonly TextWriter? _terminal;
    private readonly object _gate = new();
    private int _total;
    private int _done;
    private int _width;

    /// <summary>Initializes a new instance of the <see cref="ProbeProgress"/> class.</summary>
    /// <param name="terminal">
    /// Standard error when it is a terminal, else <see langword="null"/> to show nothing.
    /// </param>
    public ProbeProgress(TextWriter? terminal) => _terminal = terminal;

    /// <summary>Says that the MX hosts are being looked up.</summary>
    /// <param name="domain">The domain whose MX hosts are looked up.</param>
    public void LookingUp(string domain) => Show($"looking up the MX hosts of {domain} ...");

    /// <summary>Says how many MX hosts are about to be probed.</summary>
    /// <param name="total">The number of hosts.</param>
    public void Probing(int total)
    {
        lock (_gate)
        {
            _total = total;
            _done = 0;
            ShowCount();
        }
    }

    /// <summary>Counts one more MX host as probed.</summary>
    public void HostDone()
    {
        lock (_gate)
        {
            _done++;
            ShowCount();
        }
    }

    /// <summary>Erases the line, so the report starts on a clean line.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            if (_terminal is not null && _width > 0)
            {
                _terminal.Write("\r" + new string(' ', _width) + "\r");
                _terminal.Flush();
                _width = 0;
            }
        }
    }

    private void ShowCount()
    {
        string hosts = _total == 1 ? "host" : "hosts";
        Show(string.Create(CultureInfo.InvariantCulture, $"probing {_total} MX {hosts}: {_done} done ..."));
    }

    private void Show(string text)
    {
        lock (_gate)
        {
            if (_terminal is null)
            {
                return;
            }

            // Padding to the last width wipes what a longer earlier text left on the line.
            _terminal.Write("\r" + text.PadRight(_width));
            _terminal.Flush();
            _width = Math.Max(_width, text.Length);
        }
    }
}
