namespace OpenTabletop.Api.Votes;

/// <summary>POST /games/{id}/ratings. Unknown fields are ignored.</summary>
public sealed record RatingVoteBody(decimal? Rating = null, int? DeclaredScale = null, int? PlayCount = null, string? ExperienceLevel = null);

/// <summary>POST /games/{id}/weight.</summary>
public sealed record WeightVoteBody(decimal? Weight = null);

/// <summary>POST /games/{id}/plays: one logged play.</summary>
public sealed record PlayLogBody(int? DurationMinutes = null, int? PlayerCount = null, string? ExperienceLevel = null, bool? IsCampaign = null, DateOnly? PlayedAt = null);
