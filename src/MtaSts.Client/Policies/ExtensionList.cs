using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;

namespace MtaSts.Client.Policies;

/// <summary>
/// The extension fields of a policy, kept as offsets into its body until someone reads them: RFC
/// 8461 ignores these fields, so a body of thousands of them should cost no object per field.
/// </summary>
internal sealed class ExtensionList : IReadOnlyList<ExtensionField>
{
    private readonly byte[] _body;
    private readonly FieldRange[] _ranges;
    private readonly int _count;
    private ExtensionField[]? _fields;

    public ExtensionList(byte[] body, FieldRange[] ranges, int count)
    {
        _body = body;
        _ranges = ranges;
        _count = count;
    }

    public int Count => _count;

    public ExtensionField this[int index] => Fields[index];

    private ExtensionField[] Fields
    {
        get
        {
            if (_fields is null)
            {
                var fields = new ExtensionField[_count];
                for (int i = 0; i < _count; i++)
                {
                    FieldRange range = _ranges[i];
                    fields[i] = new ExtensionField(_body, range.Name, range.Value);
                }

                Interlocked.CompareExchange(ref _fields, fields, null);
            }

            return _fields;
        }
    }

    public IEnumerator<ExtensionField> GetEnumerator() => ((IEnumerable<ExtensionField>)Fields).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
