using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace OpenTabletop.Api.Http.Caching;

/// <summary>
/// Strong ETags from a hash of the body on every successful GET under /v1 and of the OpenAPI document, so every replica derives the
/// same tag; a matching If-None-Match answers 304 with no body. Cache-Control follows the caching
/// ruling: a day for game metadata and vocabularies, five minutes for everything else.
/// </summary>
public sealed class ConditionalGetMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || !CachePolicy.Applies(request.Path))
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var response = context.Response;
        if (response.StatusCode == StatusCodes.Status200OK)
        {
            var tag = "\"" + Base64Url.EncodeToString(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length))[..16]) + "\"";
            response.Headers.ETag = tag;
            response.Headers.CacheControl = CachePolicy.For(request.Path, request.Query);
            if (Matches(request.Headers.IfNoneMatch, tag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                response.Headers.ContentType = default;
                return;
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>If-None-Match uses weak comparison (RFC 9110 §13.1.2): W/ prefixes are ignored.</summary>
    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string tag)
    {
        if (ifNoneMatch.Count == 0) return false;
        if (!EntityTagHeaderValue.TryParseList(ifNoneMatch, out var candidates)) return false;
        var ours = new EntityTagHeaderValue(tag);
        return candidates.Any(c => c.Equals(EntityTagHeaderValue.Any) || c.Compare(ours, useStrongComparison: false));
    }
}
