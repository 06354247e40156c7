using System.Text.Json.Serialization;
using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Taxonomy;

/// <summary>The spec's Mechanic / Category / Theme, with the hierarchy as parent and children slugs.</summary>
public sealed record TaxonomyTermResponse(
    Guid Id,
    string Slug,
    string Name,
    string? Description,
    int GameCount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Parent,
    IReadOnlyList<string> Children,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links);
