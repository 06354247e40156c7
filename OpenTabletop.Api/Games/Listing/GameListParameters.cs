using Microsoft.AspNetCore.Mvc;

namespace OpenTabletop.Api.Games.Listing;

/// <summary>
/// The query of GET /v1/games as the client wrote it. Everything arrives as text so that a bad value
/// becomes a per-field problem (QueryFilters.Parse) instead of the framework's bare 400.
/// </summary>
public sealed record GameListParameters(
    [FromQuery(Name = "type")] string? Type = null,
    [FromQuery(Name = "mode")] string? Mode = null,
    [FromQuery(Name = "players")] string? Players = null,
    [FromQuery(Name = "players_min")] string? PlayersMin = null,
    [FromQuery(Name = "players_max")] string? PlayersMax = null,
    [FromQuery(Name = "best_at")] string? BestAt = null,
    [FromQuery(Name = "top_at")] string? TopAt = null,
    [FromQuery(Name = "recommended_at")] string? RecommendedAt = null,
    [FromQuery(Name = "playtime_min")] string? PlaytimeMin = null,
    [FromQuery(Name = "playtime_max")] string? PlaytimeMax = null,
    [FromQuery(Name = "community_playtime_min")] string? CommunityPlaytimeMin = null,
    [FromQuery(Name = "community_playtime_max")] string? CommunityPlaytimeMax = null,
    [FromQuery(Name = "playtime_source")] string? PlaytimeSource = null,
    [FromQuery(Name = "playtime_experience")] string? PlaytimeExperience = null,
    [FromQuery(Name = "weight_min")] string? WeightMin = null,
    [FromQuery(Name = "weight_max")] string? WeightMax = null,
    [FromQuery(Name = "min_weight_votes")] string? MinWeightVotes = null,
    [FromQuery(Name = "effective_weight")] string? EffectiveWeight = null,
    [FromQuery(Name = "rating_min")] string? RatingMin = null,
    [FromQuery(Name = "rating_max")] string? RatingMax = null,
    [FromQuery(Name = "min_rating_votes")] string? MinRatingVotes = null,
    [FromQuery(Name = "confidence_min")] string? ConfidenceMin = null,
    [FromQuery(Name = "age_min")] string? AgeMin = null,
    [FromQuery(Name = "age_max")] string? AgeMax = null,
    [FromQuery(Name = "age_source")] string? AgeSource = null,
    [FromQuery(Name = "mechanics")] string? Mechanics = null,
    [FromQuery(Name = "mechanics_all")] string? MechanicsAll = null,
    [FromQuery(Name = "mechanics_not")] string? MechanicsNot = null,
    [FromQuery(Name = "themes")] string? Themes = null,
    [FromQuery(Name = "theme_not")] string? ThemeNot = null,
    [FromQuery(Name = "categories")] string? Categories = null,
    [FromQuery(Name = "category")] string? Category = null,
    [FromQuery(Name = "designer")] string? Designer = null,
    [FromQuery(Name = "publisher")] string? Publisher = null,
    [FromQuery(Name = "family")] string? Family = null,
    [FromQuery(Name = "year_min")] string? YearMin = null,
    [FromQuery(Name = "year_max")] string? YearMax = null,
    [FromQuery(Name = "language_dependence")] string? LanguageDependence = null,
    [FromQuery(Name = "effective")] string? Effective = null,
    [FromQuery(Name = "include_integrations")] string? IncludeIntegrations = null,
    [FromQuery(Name = "sort")] string? Sort = null,
    [FromQuery(Name = "order")] string? Order = null,
    [FromQuery(Name = "cursor")] string? Cursor = null,
    [FromQuery(Name = "limit")] string? Limit = null,
    [FromQuery(Name = "include")] string? Include = null);
