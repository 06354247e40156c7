using System.Text.Json.Serialization;

namespace OpenTabletop.Api.Http.Paging;

/// <summary>The spec's PaginatedResponse envelope.</summary>
public sealed record Page<T>(
    IReadOnlyList<T> Data,
    PageMeta Meta,
    [property: JsonPropertyName("_links")] PageLinks Links);

public sealed record PageMeta(
    int Total,
    int Limit,
    bool HasMore,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextCursor,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? PrevCursor,
    FilterSummary? FilterSummary = null,
    bool? TotalEstimated = null,
    bool? Effective = null,
    bool? IncludeIntegrations = null);

/// <summary>The spec's FilterSummary: what was filtered, in words, and how many games matched of how many.</summary>
public sealed record FilterSummary(IReadOnlyDictionary<string, string> FiltersApplied, int TotalMatching, int TotalUnfiltered);

public sealed record PageLinks(
    Link Self,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] Link? Next,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] Link? Prev);
