using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using MtaSts.Client.Tests.Conformance;

namespace MtaSts.Client.Tests.Discovery;

/// <summary>Ways the test Policy Host answers.</summary>
internal static class Responses
{
    public const string PlainText = "text/plain";

    /// <summary><c>P_ENF</c>, 200, <c>text/plain</c>: the default answer of the cases.</summary>
    public static Task Policy(HttpContext context) => Send(200, PlainText, PolicyBodies.Enforce)(context);

    /// <summary>An answer with this status, media type (none when null), body and extra headers.</summary>
    public static RequestDelegate Send(
        int status,
        string? contentType,
        byte[] body,
        params KeyValuePair<string, string>[] headers) => async context =>
    {
        HttpResponse response = context.Response;
        response.StatusCode = status;
        if (contentType is not null)
        {
            response.ContentType = contentType;
        }

        foreach (KeyValuePair<string, string> header in headers)
        {
            response.Headers[header.Key] = header.Value;
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    };

    /// <summary>A body sent gzip-compressed, with <c>Content-Encoding: gzip</c>.</summary>
    public static RequestDelegate Gzip(byte[] body) => async context =>
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(body);
        }

        context.Response.ContentType = PlainText;
        context.Response.Headers.ContentEncoding = "gzip";
        context.Response.ContentLength = compressed.Length;
        await context.Response.Body.WriteAsync(compressed.ToArray(), context.RequestAborted);
    };

    public static KeyValuePair<string, string> Header(string name, string value) => new(name, value);

    /// <summary>A byte array of <paramref name="length"/> bytes: a valid policy padded with an extension line.</summary>
    public static byte[] PaddedPolicy(int length)
    {
        const string prefix = PolicyBodies.Base + "x_padding: ";
        int padding = length - prefix.Length - 1;
        if (padding < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "Too short to pad.");
        }

        return PolicyBodies.Bytes(prefix + new string('a', padding) + "\n");
    }
}
