using System.Text.Json.Serialization;
using OpenTabletop.Api.Games.Includes;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.People;
using OpenTabletop.Api.Taxonomy;

namespace OpenTabletop.Api.Games;

/// <summary>The spec's Game schema (field names on the wire exactly as the spec spells them).</summary>
public sealed record GameResponse
{
    public required Guid Id { get; init; }
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public required string SortName { get; init; }
    public required string Type { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public Guid? ParentGameId { get; init; }
    public int? YearPublished { get; init; }
    public string? Description { get; init; }
    public string? DescriptionShort { get; init; }
    public int? MinPlayers { get; init; }
    public int? MaxPlayers { get; init; }
    public int? MinPlaytimeMinutes { get; init; }
    public int? MaxPlaytimeMinutes { get; init; }
    public int? CommunityPlaytimeMinMinutes { get; init; }
    public int? CommunityPlaytimeMaxMinutes { get; init; }
    public int? CommunityPlaytimeMedianMinutes { get; init; }
    public int? MinAge { get; init; }
    public double? Weight { get; init; }
    public int WeightVotes { get; init; }
    public double? AverageRating { get; init; }
    public int[]? RatingDistribution { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? RatingStddev { get; init; }
    public double? BayesRating { get; init; }
    public int RatingCount { get; init; }
    /// <summary>Docs-only field (SPEC-DECISIONS: added, never renamed).</summary>
    public double? RatingConfidence { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? RankOverall { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public IReadOnlyDictionary<string, int>? RankByCategory { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? OwnerCount { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? WishlistCount { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? TotalPlays { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? CommunitySuggestedAge { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? LanguageDependence { get; init; }
    public string? Mode { get; init; }
    public string? ImageUrl { get; init; }
    public string? ThumbnailUrl { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? BggId { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FundingSource { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public Guid? CanonicalEditionId { get; init; }
    public required string Status { get; init; }
    /// <summary>Docs-only: counts whose per-count rating is at least 4.0 of 5.</summary>
    public int[]? TopPlayerCounts { get; init; }
    /// <summary>Docs-only: counts whose per-count rating is at least 3.0 of 5.</summary>
    public int[]? RecommendedPlayerCounts { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    // Embedded only when asked for with ?include= (GameIncludeLoader); null, and so absent, otherwise.
    public IReadOnlyList<AlternateNameResponse>? AlternateNames { get; init; }
    public IReadOnlyList<TaxonomyTermResponse>? Mechanics { get; init; }
    public IReadOnlyList<TaxonomyTermResponse>? Categories { get; init; }
    public IReadOnlyList<TaxonomyTermResponse>? Themes { get; init; }
    public IReadOnlyList<DesignerResponse>? Designers { get; init; }
    public IReadOnlyList<PublisherResponse>? Publishers { get; init; }
    /// <summary>Included expansions never carry includes themselves.</summary>
    public IReadOnlyList<GameResponse>? Expansions { get; init; }
    public IReadOnlyList<GameCreditResponse>? Credits { get; init; }
    public IReadOnlyList<GameAwardResponse>? Awards { get; init; }
    public IReadOnlyList<GameEditionResponse>? Editions { get; init; }
    public EffectivePropertiesResponse? EffectiveProperties { get; init; }
    public ExperiencePlaytimeProfileResponse? ExperiencePlaytime { get; init; }
    /// <summary>Not a spec property: our ruling for include=polls (README).</summary>
    public GamePollsResponse? Polls { get; init; }
    /// <summary>Effective mode only: the variant through which the game matched.</summary>
    public Listing.MatchedVia? MatchedVia { get; init; }

    [JsonPropertyName("_links")]
    public required IReadOnlyDictionary<string, Link> Links { get; init; }
}
