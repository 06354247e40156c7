using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.IO;
using Microsoft.Net.Http.Headers;

namespace OpenTabletop.Api.Http.Caching;

/// <summary>
/// Strong ETags from a hash of the body on every successful GET under /v1 and of the OpenAPI document, so every replica derives the
/// same tag; a matching If-None-Match answers 304 with no body. Cache-Control follows the caching
/// ruling: a day for game metadata and vocabularies, five minutes for everything else. A streamed
/// endpoint (<see cref="StreamedResponse"/>, the export) is passed through untouched.
/// </summary>
public sealed class ConditionalGetMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || !CachePolicy.Applies(request.Path)
            || context.GetEndpoint()?.Metadata.GetMetadata<StreamedResponse>() is not null)
        {
            await next(context);
            return;
        }

        await using var buffer = await BufferedResponse.CaptureAsync(context, next, "conditional-get");

        var response = context.Response;
        if (response.StatusCode == StatusCodes.Status200OK)
        {
            var tag = "\"" + Base64Url.EncodeToString(Hash(buffer)) + "\"";
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

        await BufferedResponse.SendAsync(context, buffer);
    }

    /// <summary>The first 16 bytes of the body's SHA-256 (the buffer may be several pooled blocks).</summary>
    private static byte[] Hash(RecyclableMemoryStream buffer)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var segment in buffer.GetReadOnlySequence()) sha.AppendData(segment.Span);
        return sha.GetHashAndReset()[..16];
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
