using System.Text.Json.Serialization;
using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Votes;

/// <summary>A rating vote as cast: the value on the voter's own scale (10 when none was declared).</summary>
public sealed record RatingVoteResponse(
    Guid Id, Guid GameId, double Rating, int DeclaredScale, int? PlayCount, string? ExperienceLevel, DateTime CreatedAt,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links);

/// <summary>A weight vote as cast, to the voter's own precision (no rounding).</summary>
public sealed record WeightVoteResponse(Guid Id, Guid GameId, double Weight, DateTime CreatedAt, [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links);

public sealed record PlayLogResponse(
    Guid Id, Guid GameId, int DurationMinutes, int? PlayerCount, string? ExperienceLevel, bool IsCampaign, DateOnly? PlayedAt, DateTime CreatedAt,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links);
