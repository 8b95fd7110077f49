using System;

namespace MtaSts.Client.Policies;

/// <summary>An MX host name split once for matching against every pattern of a policy.</summary>
internal readonly ref struct MxHost
{
    public MxHost(ReadOnlySpan<char> name)
    {
        Name = name;
        int dot = name.IndexOf('.');
        FirstLabel = dot > 0 ? name[..dot] : default;
        Parent = dot > 0 ? name[(dot + 1)..] : default;
    }

    /// <summary>Gets the whole host name, ASCII, without a trailing dot.</summary>
    public ReadOnlySpan<char> Name { get; }

    /// <summary>Gets the labels after the first one; empty for a one-label name.</summary>
    public ReadOnlySpan<char> Parent { get; }

    /// <summary>Gets the label a wildcard would stand for.</summary>
    public ReadOnlySpan<char> FirstLabel { get; }

    public bool HasValidFirstLabel => HostName.IsValidLabel(FirstLabel);
}
