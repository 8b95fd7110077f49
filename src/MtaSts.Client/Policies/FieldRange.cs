using System;

namespace MtaSts.Client.Policies;

/// <summary>Where the name and the value of one field sit in a policy body.</summary>
internal readonly record struct FieldRange(Range Name, Range Value);
