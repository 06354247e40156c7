using Microsoft.IO;

namespace OpenTabletop.Api.Http.Caching;

/// <summary>
/// A response body written into a pooled buffer instead of the connection, so a middleware can look
/// at the whole of it (hash it, keep it) before it is sent.
/// </summary>
internal static class BufferedResponse
{
    /// <summary>
    /// Pooled buffers: a page of 25 to 100 full games is 40 to 170 KB, and a growing MemoryStream per
    /// request (the larger ones on the large-object heap) was a third of what a request allocated.
    /// </summary>
    private static readonly RecyclableMemoryStreamManager Buffers = new();

    /// <summary>Runs <paramref name="next"/> with the body captured; the caller disposes the buffer and sends it.</summary>
    public static async Task<RecyclableMemoryStream> CaptureAsync(HttpContext context, RequestDelegate next, string tag)
    {
        var original = context.Response.Body;
        var buffer = Buffers.GetStream(tag);
        context.Response.Body = buffer;
        try
        {
            await next(context);
            return buffer;
        }
        catch
        {
            await buffer.DisposeAsync();
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }
    }

    /// <summary>
    /// Sends what was captured. An empty body is left alone: a Content-Length or even an empty write
    /// starts the response, and the status-code pages outside would then send a 404 without its problem.
    /// </summary>
    public static async Task SendAsync(HttpContext context, RecyclableMemoryStream buffer)
    {
        if (buffer.Length == 0) return;
        // The length is known: clients get Content-Length instead of a chunked body.
        context.Response.ContentLength = buffer.Length;
        foreach (var segment in buffer.GetReadOnlySequence()) await context.Response.Body.WriteAsync(segment, context.RequestAborted);
    }
}
