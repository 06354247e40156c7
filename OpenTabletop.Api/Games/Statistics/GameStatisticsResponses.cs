using System.Text.Json.Serialization;
using OpenTabletop.Api.Games.Includes;
using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Games.Statistics;

/// <summary>A game as statistics name it: <c>{id, slug, name}</c>.</summary>
public sealed record GameSummaryResponse(Guid Id, string Slug, string Name);

/// <summary>
/// GET /games/{id}/rating-distribution (docs data-structures.md): the game's materialized rating
/// aggregates; <c>confidence</c> is its <c>rating_confidence</c>. Nullable fields are written as null.
/// </summary>
public sealed record RatingDistributionResponse(
    Guid GameId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? AverageRating,
    int RatingCount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] IReadOnlyList<int>? RatingDistribution,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? RatingStddev,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Confidence,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links);

/// <summary>
/// GET /games/{id}/weight-votes (docs data-structures.md): the raw weight votes counted in half-point
/// buckets <c>"1.0"</c> … <c>"5.0"</c> (every bucket present, in order), their total and their mean.
/// </summary>
public sealed record WeightVotesResponse(
    Guid GameId,
    IReadOnlyDictionary<string, int> Votes,
    int TotalVotes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Average,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links);

/// <summary>The median duration and the number of counted plays at one player count.</summary>
public sealed record PlayerCountPlaytimeResponse(int Median, int Plays);

/// <summary>
/// GET /games/{id}/community-playtime (docs data-structures.md): the counted play logs' durations
/// (non-campaign, 5 minutes to 24 hours, as the Materializer counts them): extremes, median and
/// percentiles in whole minutes, and the median per reported player count.
/// </summary>
public sealed record CommunityPlaytimeResponse(
    Guid GameId,
    int TotalPlays,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? MinReported,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? MaxReported,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Median,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? P10,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? P25,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? P75,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? P90,
    IReadOnlyDictionary<string, PlayerCountPlaytimeResponse> ByPlayerCount,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links);

/// <summary>
/// GET /games/{id}/polls (ADR-0041): every community poll of the game, exactly as include=polls embeds
/// them (each item in its spec schema), with the game's id and links.
/// </summary>
public sealed record GamePollsBodyResponse(
    Guid GameId,
    IReadOnlyList<PlayerCountRatingResponse> PlayerCountRatings,
    IReadOnlyList<PlayerCountPollResponse> PlayerCount,
    IReadOnlyList<CommunityAgePollResponse> CommunityAge,
    IReadOnlyList<LanguageDependencePollResponse> LanguageDependence,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links);

/// <summary>
/// GET /games/{id}/history (docs trends.md): one point per period from the game's snapshots; the
/// fields of each point depend on <c>metric</c> (GameSnapshot's names, nullable as there), so each
/// item is one of the point records below.
/// </summary>
public sealed record GameHistoryResponse(
    GameSummaryResponse Game,
    string Metric,
    string Granularity,
    IReadOnlyList<object> Data,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links);

/// <summary>metric=rating.</summary>
public sealed record RatingHistoryPoint(
    DateOnly Date,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? AverageRating,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? RatingCount);

/// <summary>metric=confidence.</summary>
public sealed record ConfidenceHistoryPoint(
    DateOnly Date,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? RatingConfidence,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? RatingCount);

/// <summary>metric=weight.</summary>
public sealed record WeightHistoryPoint(
    DateOnly Date,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Weight,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? WeightVotes);

/// <summary>metric=rank.</summary>
public sealed record RankHistoryPoint(
    DateOnly Date,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? RankOverall,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] IReadOnlyDictionary<string, int>? RankByCategory,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? BayesRating);

/// <summary>metric=plays: the plays logged in the point's period (a year sums its snapshots' periods).</summary>
public sealed record PlaysHistoryPoint(
    DateOnly Date,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? PlayCountPeriod);
