using System;
using System.Collections.Generic;

namespace MtaSts.Client.MailKit;

/// <summary>How <see cref="MxProbe"/> talks to an MX host.</summary>
public sealed class MxProbeOptions
{
    /// <summary>The default of <see cref="ConnectTimeout"/> and <see cref="Timeout"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan s_maxTimeout = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <summary>Gets or sets how long the TCP connection to one address may take.</summary>
    /// <value><see cref="DefaultTimeout"/>.</value>
    public TimeSpan ConnectTimeout { get; set; } = DefaultTimeout;

    /// <summary>Gets or sets how long the server may take to answer one command.</summary>
    /// <value><see cref="DefaultTimeout"/>.</value>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>Gets or sets the name the probe gives in EHLO.</summary>
    /// <value><see langword="null"/>: MailKit's default, the local host name.</value>
    public string? LocalDomain { get; set; }

    /// <summary>Checks every option and throws once, naming each one that is wrong.</summary>
    /// <exception cref="ArgumentException">At least one option is invalid.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (ConnectTimeout <= TimeSpan.Zero || ConnectTimeout > s_maxTimeout)
        {
            problems.Add($"{nameof(ConnectTimeout)} is {ConnectTimeout}; "
                + $"it must be more than zero and at most {s_maxTimeout}.");
        }

        if (Timeout <= TimeSpan.Zero || Timeout > s_maxTimeout)
        {
            problems.Add($"{nameof(Timeout)} is {Timeout}; it must be more than zero and at most {s_maxTimeout}.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("The probe options are invalid: " + string.Join(" ", problems));
        }
    }

    internal MxProbeOptions Clone() =>
        new() { ConnectTimeout = ConnectTimeout, Timeout = Timeout, LocalDomain = LocalDomain };
}
