using Microsoft.AspNetCore.WebUtilities;

namespace OpenTabletop.Api.Http.Paging;

/// <summary>Self, next and prev hrefs that repeat every query parameter of the request except the cursor.</summary>
public static class PageLinkBuilder
{
    public static PageLinks For(HttpRequest request, string? nextCursor, string? prevCursor)
    {
        var path = request.PathBase + request.Path;
        var kept = request.Query
            .Where(q => q.Key != "cursor")
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .ToList();
        return new PageLinks(
            new Link(QueryHelpers.AddQueryString(path, request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))))),
            nextCursor is null ? null : new Link(QueryHelpers.AddQueryString(path, [.. kept, new("cursor", nextCursor)])),
            prevCursor is null ? null : new Link(QueryHelpers.AddQueryString(path, [.. kept, new("cursor", prevCursor)])));
    }
}
