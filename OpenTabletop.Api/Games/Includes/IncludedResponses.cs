using System.Text.Json.Serialization;
using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Games.Includes;

/// <summary>The spec's AlternateName.</summary>
public sealed record AlternateNameResponse(
    string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Language,
    bool IsPrimary,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Source);

/// <summary>The spec's GameCredit: a person in one of the extended roles (not designer or artist).</summary>
public sealed record GameCreditResponse(
    Guid GameId,
    Guid PersonId,
    string Role,
    string PersonName,
    string PersonSlug,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links);

/// <summary>The spec's GameAward; the award's name travels as the title of its link.</summary>
public sealed record GameAwardResponse(
    Guid GameId,
    Guid AwardId,
    int Year,
    string Result,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Category,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links);

/// <summary>The spec's PlayerCountPollLegacy (BGG three-tier votes); total_votes is their sum.</summary>
public sealed record PlayerCountPollResponse(
    Guid GameId, int PlayerCount, int BestVotes, int RecommendedVotes, int NotRecommendedVotes, int TotalVotes);

/// <summary>The spec's CommunityAgePoll.</summary>
public sealed record CommunityAgePollResponse(Guid GameId, int SuggestedAge, int VoteCount);

/// <summary>The spec's LanguageDependencePoll.</summary>
public sealed record LanguageDependencePollResponse(Guid GameId, string Level, int VoteCount);

/// <summary>
/// include=polls. Game has no <c>polls</c> property in the spec; our ruling (README) embeds every
/// community poll of the game, each item in its own spec schema.
/// </summary>
public sealed record GamePollsResponse(
    IReadOnlyList<PlayerCountRatingResponse> PlayerCountRatings,
    IReadOnlyList<PlayerCountPollResponse> PlayerCount,
    IReadOnlyList<CommunityAgePollResponse> CommunityAge,
    IReadOnlyList<LanguageDependencePollResponse> LanguageDependence);
