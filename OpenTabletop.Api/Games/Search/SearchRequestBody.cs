using System.Text.Json.Serialization;

namespace OpenTabletop.Api.Games.Search;

/// <summary>The spec's SearchRequest (POST /v1/games/search). Unknown fields are ignored.</summary>
public sealed record SearchRequestBody(
    SearchFiltersBody? Filters = null,
    string? Sort = null,
    string? Order = null,
    int? Limit = null,
    string? Cursor = null,
    IReadOnlyList<string?>? Include = null);

/// <summary>
/// The spec's SearchFilters, plus the docs' dimensions the GET list also takes (rating, age,
/// categories, language_dependence). Single-valued fields also accept a list, as the docs write them.
/// </summary>
public sealed record SearchFiltersBody(
    PlayerFilterBody? Players = null,
    PlaytimeFilterBody? Playtime = null,
    WeightFilterBody? Weight = null,
    RatingFilterBody? Rating = null,
    AgeFilterBody? Age = null,
    [property: JsonConverter(typeof(StringOrListConverter))] IReadOnlyList<string?>? Mode = null,
    [property: JsonConverter(typeof(StringOrListConverter))] IReadOnlyList<string?>? Type = null,
    MechanicFilterBody? Mechanics = null,
    ThemeFilterBody? Theme = null,
    IReadOnlyList<string?>? Categories = null,
    [property: JsonConverter(typeof(StringOrListConverter))] IReadOnlyList<string?>? Category = null,
    [property: JsonConverter(typeof(StringOrListConverter))] IReadOnlyList<string?>? Designer = null,
    [property: JsonConverter(typeof(StringOrListConverter))] IReadOnlyList<string?>? Publisher = null,
    [property: JsonConverter(typeof(StringOrListConverter))] IReadOnlyList<string?>? Family = null,
    YearFilterBody? Year = null,
    IReadOnlyList<string?>? LanguageDependence = null,
    string? Edition = null,
    bool? Effective = null,
    bool? IncludeIntegrations = null);

public sealed record PlayerFilterBody(int? Min = null, int? Max = null, int? Exact = null, int? BestAt = null, int? TopAt = null, int? RecommendedAt = null);

public sealed record PlaytimeFilterBody(
    int? Min = null, int? Max = null, int? CommunityMin = null, int? CommunityMax = null, string? Source = null, string? Experience = null);

public sealed record WeightFilterBody(decimal? Min = null, decimal? Max = null, int? MinVotes = null, bool? Effective = null);

public sealed record RatingFilterBody(decimal? Min = null, decimal? Max = null, int? MinVotes = null, decimal? ConfidenceMin = null);

public sealed record AgeFilterBody(int? Min = null, int? Max = null, string? Source = null);

public sealed record MechanicFilterBody(IReadOnlyList<string?>? Any = null, IReadOnlyList<string?>? All = null, IReadOnlyList<string?>? Not = null);

public sealed record ThemeFilterBody(IReadOnlyList<string?>? Include = null, IReadOnlyList<string?>? Not = null);

public sealed record YearFilterBody(int? Min = null, int? Max = null);
