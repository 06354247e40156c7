using System.Text.Json.Serialization;
using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.People;

/// <summary>The spec's Designer (a Person credited as designer).</summary>
public sealed record DesignerResponse(
    Guid Id,
    string Slug,
    string Name,
    string? Description,
    int GameCount,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links);

/// <summary>The spec's Publisher.</summary>
public sealed record PublisherResponse(
    Guid Id,
    string Slug,
    string Name,
    string? Description,
    string? Country,
    string? Website,
    int GameCount,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links);
