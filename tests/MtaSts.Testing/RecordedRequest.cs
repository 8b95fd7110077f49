using System.Collections.Generic;

namespace MtaSts.Testing;

/// <summary>A request as the test Policy Host received it.</summary>
public sealed record RecordedRequest(
    string Method,
    string Scheme,
    string Host,
    string Path,
    IReadOnlyDictionary<string, string> Headers);
