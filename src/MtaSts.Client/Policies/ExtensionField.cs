using System;
using System.Text;

namespace MtaSts.Client.Policies;

/// <summary>
/// A field that RFC 8461 does not define, found in a record or a policy and ignored as the RFC
/// requires; kept so that tools can show it.
/// </summary>
public sealed class ExtensionField
{
    private readonly byte[]? _source;
    private readonly Range _nameRange;
    private readonly Range _valueRange;
    private string? _name;
    private string? _value;

    /// <summary>Initializes a new instance of the <see cref="ExtensionField"/> class.</summary>
    /// <param name="name">The field name as written.</param>
    /// <param name="value">The field value as written, without surrounding white space.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="value"/> is null.</exception>
    public ExtensionField(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);

        _name = name;
        _value = value;
    }

    /// <summary>A field of a policy body, decoded only when asked for: an ignored field should cost nothing.</summary>
    internal ExtensionField(byte[] source, Range name, Range value)
    {
        _source = source;
        _nameRange = name;
        _valueRange = value;
    }

    /// <summary>Gets the field name as written (names are case-sensitive).</summary>
    public string Name => _name ??= Encoding.UTF8.GetString(_source.AsSpan(_nameRange));

    /// <summary>Gets the field value as written.</summary>
    public string Value => _value ??= Encoding.UTF8.GetString(_source.AsSpan(_valueRange));

    /// <inheritdoc/>
    public override string ToString() => Name + "=" + Value;
}
