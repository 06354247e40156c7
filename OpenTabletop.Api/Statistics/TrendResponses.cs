using System.Text.Json.Serialization;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.Paging;

namespace OpenTabletop.Api.Statistics;

/// <summary>The envelope of every trend: the points in period order, what was applied, and the self link.</summary>
public sealed record TrendsResponse<T>(
    IReadOnlyList<T> Data,
    TrendMeta Meta,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links);

/// <summary>
/// What a trend applied: the grouping, the endpoint's own switches (<c>scope</c> for weight; <c>limit</c>,
/// <c>parent</c> and the chosen <c>mechanics</c> for mechanic adoption), the list's FilterSummary
/// (<c>total_matching</c> = active games matching the filters, <c>total_unfiltered</c> = active games), and
/// how many matching games have no <c>year_published</c> and so belong to no period.
/// </summary>
public sealed record TrendMeta(
    string GroupBy,
    FilterSummary FilterSummary,
    int GamesWithoutYear,
    string? Scope = null,
    int? Limit = null,
    string? Parent = null,
    IReadOnlyList<string>? Mechanics = null);

/// <summary>The spec's TrendDataPoint, every field (GET /statistics/trends/publications); unknown values are null.</summary>
public sealed record TrendDataPointResponse(
    int Period,
    int GameCount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? AvgRating,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? AvgWeight,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? MedianWeight,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? WeightP25,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? WeightP75,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? AvgMinPlayers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? AvgMaxPlayers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? SoloSupportPct,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? AvgPlaytimeMinutes);

/// <summary>The weight fields of TrendDataPoint (GET /statistics/trends/weight).</summary>
public sealed record WeightTrendDataPointResponse(
    int Period,
    int GameCount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? AvgWeight,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? MedianWeight,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? WeightP25,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? WeightP75);

/// <summary>
/// The player-count fields of TrendDataPoint (GET /statistics/trends/player-count), plus
/// <c>supported_pct</c>: for each count "1" … "8" and "9+", the share (%) of the period's games with a
/// known player range that support it (<c>min_players ≤ n ≤ max_players</c>; "9+" = <c>max_players ≥ 9</c>).
/// </summary>
public sealed record PlayerCountTrendDataPointResponse(
    int Period,
    int GameCount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? AvgMinPlayers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? AvgMaxPlayers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? SoloSupportPct,
    IReadOnlyDictionary<string, double> SupportedPct);

/// <summary>The spec's MechanicTrendDataPoint.</summary>
public sealed record MechanicTrendDataPointResponse(
    int Period,
    string Mechanic,
    int GameCount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? PctOfPeriod);
