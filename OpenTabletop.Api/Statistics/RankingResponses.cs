using System.Text.Json.Serialization;
using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Statistics;

/// <summary>
/// GET /statistics/rankings/history (docs trends.md): the top of a ranking as the latest snapshot on or
/// before the requested date recorded it; <c>date</c> is that snapshot's date (null when there is none).
/// </summary>
public sealed record RankingHistoryResponse(
    string Scope,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateOnly? Date,
    IReadOnlyList<RankedGameResponse> Data,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links);

public sealed record RankedGameResponse(
    int Rank,
    string GameSlug,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? BayesRating);

/// <summary>
/// GET /statistics/rankings/transitions (docs trends.md): how the top N changed between the first
/// (<c>from</c>) and the last (<c>to</c>) snapshot of the window. <c>stable</c> items are objects
/// <c>{game_slug, rank_&lt;from&gt;, rank_&lt;to&gt;}</c> keyed by the two snapshots' years.
/// </summary>
public sealed record RankingTransitionsResponse(
    string Scope,
    int Top,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateOnly? From,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateOnly? To,
    IReadOnlyList<EnteredGameResponse> Entered,
    IReadOnlyList<ExitedGameResponse> Exited,
    IReadOnlyList<IReadOnlyDictionary<string, object>> Stable,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links);

/// <summary>Out of the top N at <c>from</c>, in it at <c>to</c>: when its last stay began, at which rank, and its rank at <c>to</c>.</summary>
public sealed record EnteredGameResponse(string GameSlug, int EnteredRank, DateOnly EnteredDate, int CurrentRank);

/// <summary>In the top N at <c>from</c>, out of it at <c>to</c>: the last snapshot it was in, its rank then, and its best rank in the window.</summary>
public sealed record ExitedGameResponse(string GameSlug, int ExitedRank, DateOnly ExitedDate, int PeakRank);
