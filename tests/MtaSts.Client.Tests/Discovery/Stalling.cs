using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace MtaSts.Client.Tests.Discovery;

/// <summary>Hostile answers that send their headers and then take their time; each gives up by itself.</summary>
internal static class Stalling
{
    /// <summary>200 and <c>text/plain</c>, then nothing for a minute.</summary>
    public static async Task HeadersThenNothing(HttpContext context)
    {
        context.Response.ContentType = Responses.PlainText;
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        await Task.Delay(TimeSpan.FromSeconds(60), context.RequestAborted);
    }

    /// <summary>200 and <c>text/plain</c>, then one byte a second for at most a minute.</summary>
    public static async Task OneBytePerSecond(HttpContext context)
    {
        context.Response.ContentType = Responses.PlainText;
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        for (int i = 0; i < 60; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), context.RequestAborted);
            await context.Response.Body.WriteAsync("v"u8.ToArray(), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }
}
