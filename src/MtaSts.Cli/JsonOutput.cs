using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MtaSts.Client.Policies;

namespace MtaSts.Cli;

/// <summary>
/// The JSON report the lint commands print with <c>--json</c>. Its field names are a contract with
/// scripts: fields may be added, never renamed or removed.
/// </summary>
internal static class JsonOutput
{
    private static readonly JsonWriterOptions s_options = new()
    {
        Indented = true,

        // The report goes to a terminal, a file or a pipe, never into HTML, so quotes and non-ASCII
        // host names stay readable instead of becoming \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes one JSON object and a line break.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="writeProperties">Writes the properties of the object.</param>
    public static void WriteObject(TextWriter output, Action<Utf8JsonWriter> writeProperties)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>Writes <c>"name": [{"line": int|null, "code": string, "message": string}, ...]</c>.</summary>
    /// <param name="writer">The writer, inside an object.</param>
    /// <param name="name">The property name.</param>
    /// <param name="diagnostics">The diagnostics, in the order found.</param>
    public static void WriteDiagnostics(Utf8JsonWriter writer, string name, IReadOnlyList<ParseDiagnostic> diagnostics)
    {
        writer.WriteStartArray(name);
        foreach (ParseDiagnostic diagnostic in diagnostics)
        {
            writer.WriteStartObject();
            WriteNumberOrNull(writer, "line", diagnostic.Line);
            writer.WriteString("code", diagnostic.Code);
            writer.WriteString("message", diagnostic.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes <c>"extensions": [{"name": string, "value": string}, ...]</c>.</summary>
    /// <param name="writer">The writer, inside an object.</param>
    /// <param name="extensions">The extension fields, in the order written.</param>
    public static void WriteExtensions(Utf8JsonWriter writer, IReadOnlyList<ExtensionField> extensions)
    {
        writer.WriteStartArray("extensions");
        foreach (ExtensionField extension in extensions)
        {
            writer.WriteStartObject();
            writer.WriteString("name", extension.Name);
            writer.WriteString("value", extension.Value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a number, or <c>null</c> when there is none.</summary>
    /// <param name="writer">The writer, inside an object.</param>
    /// <param name="name">The property name.</param>
    /// <param name="value">The value.</param>
    public static void WriteNumberOrNull(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is int number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
