using System.Text.Json.Serialization;

namespace OpenTabletop.Api.Http.Paging;

/// <summary>The spec's PaginatedResponse envelope.</summary>
public sealed record Page<T>(
    IReadOnlyList<T> Data,
    PageMeta Meta,
    [property: JsonPropertyName("_links")] PageLinks Links);

public sealed record PageMeta(int Total, int Limit, bool HasMore, string? NextCursor, string? PrevCursor);

public sealed record PageLinks(Link Self, Link? Next, Link? Prev);
