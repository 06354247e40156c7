using System.Text.Json;
using System.Text.Json.Serialization;
using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Games;

/// <summary>The spec's ExperiencePlaytimePoll: p10/p90 of reported durations as min/max.</summary>
public sealed record ExperiencePlaytimePollResponse(
    Guid GameId, string ExperienceLevel, int MedianMinutes, int? MinMinutes, int? MaxMinutes, int TotalReports);

public sealed record ExperienceMultipliers(double? FirstPlay, double? Learning, double? Experienced, double? Expert);

/// <summary>The spec's ExperiencePlaytimeProfile; multipliers only when every level has enough data.</summary>
public sealed record ExperiencePlaytimeProfileResponse(
    Guid GameId,
    IReadOnlyList<ExperiencePlaytimePollResponse> Levels,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ExperienceMultipliers? Multipliers,
    bool SufficientData,
    int TotalReports,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links);

/// <summary>The spec's PlayerCountRating (ADR-0043, 1–5 scale).</summary>
public sealed record PlayerCountRatingResponse(Guid GameId, int PlayerCount, double AverageRating, int RatingCount, double? RatingStddev);

/// <summary>
/// Per-count ratings in the list convention (<c>data</c>), with the derived top and recommended counts.
/// </summary>
public sealed record PlayerCountRatingsResponse(
    Guid GameId,
    IReadOnlyList<PlayerCountRatingResponse> Data,
    IReadOnlyList<int> TopPlayerCounts,
    IReadOnlyList<int> RecommendedPlayerCounts,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links);

/// <summary>The spec's GameRelationship.</summary>
public sealed record GameRelationshipResponse(
    Guid SourceGameId,
    Guid TargetGameId,
    string RelationshipType,
    int Ordinal,
    IReadOnlyDictionary<string, JsonElement> Metadata,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links);

public sealed record GameRelationshipsResponse(
    IReadOnlyList<GameRelationshipResponse> Data,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links);
