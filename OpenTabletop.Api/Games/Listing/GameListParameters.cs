using Microsoft.AspNetCore.Mvc;

namespace OpenTabletop.Api.Games.Listing;

/// <summary>
/// The query of GET /v1/games as the client wrote it. Everything arrives as text so that a bad value
/// becomes a per-field problem (GameFilters.Parse) instead of the framework's bare 400.
/// </summary>
public sealed record GameListParameters(
    [FromQuery(Name = "type")] string? Type,
    [FromQuery(Name = "mode")] string? Mode,
    [FromQuery(Name = "players")] string? Players,
    [FromQuery(Name = "players_min")] string? PlayersMin,
    [FromQuery(Name = "players_max")] string? PlayersMax,
    [FromQuery(Name = "weight_min")] string? WeightMin,
    [FromQuery(Name = "weight_max")] string? WeightMax,
    [FromQuery(Name = "year_min")] string? YearMin,
    [FromQuery(Name = "year_max")] string? YearMax,
    [FromQuery(Name = "designer")] string? Designer,
    [FromQuery(Name = "publisher")] string? Publisher,
    [FromQuery(Name = "category")] string? Category,
    [FromQuery(Name = "family")] string? Family,
    [FromQuery(Name = "sort")] string? Sort,
    [FromQuery(Name = "order")] string? Order,
    [FromQuery(Name = "cursor")] string? Cursor,
    [FromQuery(Name = "limit")] string? Limit,
    [FromQuery(Name = "include")] string? Include);
