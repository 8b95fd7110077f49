using System;

namespace MtaSts.Client.Policies;

/// <summary>
/// A field that RFC 8461 does not define, found in a record or a policy and ignored as the RFC
/// requires; kept so that tools can show it.
/// </summary>
public sealed class ExtensionField
{
    /// <summary>Initializes a new instance of the <see cref="ExtensionField"/> class.</summary>
    /// <param name="name">The field name as written.</param>
    /// <param name="value">The field value as written, without surrounding white space.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="value"/> is null.</exception>
    public ExtensionField(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);

        Name = name;
        Value = value;
    }

    /// <summary>Gets the field name as written (names are case-sensitive).</summary>
    public string Name { get; }

    /// <summary>Gets the field value as written.</summary>
    public string Value { get; }

    /// <inheritdoc/>
    public override string ToString() => Name + "=" + Value;
}
