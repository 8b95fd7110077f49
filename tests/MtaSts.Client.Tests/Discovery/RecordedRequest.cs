using System.Collections.Generic;

namespace MtaSts.Client.Tests.Discovery;

/// <summary>A request as the test Policy Host received it.</summary>
internal sealed record RecordedRequest(
    string Method,
    string Scheme,
    string Host,
    string Path,
    IReadOnlyDictionary<string, string> Headers);
