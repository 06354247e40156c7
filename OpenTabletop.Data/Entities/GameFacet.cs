namespace OpenTabletop.Data.Entities;

/// <summary>
/// A row of <c>game_facets</c>: the narrow copy of a game's filterable and sortable columns, with its
/// mechanics, themes and categories as arrays of term codes, which game lists filter and sort on.
/// Kept by triggers on <c>games</c> and the junction tables; mapped so that the model covers the
/// schema, never written through EF.
/// </summary>
public sealed class GameFacet
{
    public Guid Id { get; private set; }
    public string Status { get; private set; } = "";
    public string Type { get; private set; } = "";
    public Guid? ParentGameId { get; private set; }
    public string? Mode { get; private set; }
    public string? SortName { get; private set; }
    public int? YearPublished { get; private set; }
    public int? MinPlayers { get; private set; }
    public int? MaxPlayers { get; private set; }
    public int[]? TopPlayerCounts { get; private set; }
    public int[]? RecommendedPlayerCounts { get; private set; }
    public int? MinPlaytimeMinutes { get; private set; }
    public int? MaxPlaytimeMinutes { get; private set; }
    public int? CommunityPlaytimeMinMinutes { get; private set; }
    public int? CommunityPlaytimeMaxMinutes { get; private set; }
    public int? CommunityPlaytimeMedianMinutes { get; private set; }
    public int? MinAge { get; private set; }
    public int? CommunitySuggestedAge { get; private set; }
    public decimal? Weight { get; private set; }
    public int WeightVotes { get; private set; }
    public decimal? AverageRating { get; private set; }
    public decimal? BayesRating { get; private set; }
    public int RatingCount { get; private set; }
    public decimal? RatingConfidence { get; private set; }
    public string? LanguageDependence { get; private set; }
    public int[] MechanicCodes { get; private set; } = [];
    public int[] ThemeCodes { get; private set; } = [];
    public int[] CategoryCodes { get; private set; } = [];
}
