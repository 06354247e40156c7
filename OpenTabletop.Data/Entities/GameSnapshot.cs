namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>game_snapshots</c>: a game's aggregates at the first day of a period.</summary>
public sealed class GameSnapshot
{
    public Guid GameId { get; set; }
    public DateOnly SnapshotDate { get; set; }
    public decimal? AverageRating { get; set; }
    public decimal? BayesRating { get; set; }
    public int? RatingCount { get; set; }
    public decimal? RatingConfidence { get; set; }
    public decimal? Weight { get; set; }
    public int? WeightVotes { get; set; }
    public int? RankOverall { get; set; }
    /// <summary>jsonb: category slug → rank.</summary>
    public Dictionary<string, int>? RankByCategory { get; set; }
    /// <summary>Plays within the period, not cumulative.</summary>
    public int? PlayCountPeriod { get; set; }
    public int? OwnerCount { get; set; }

    public Game Game { get; set; } = null!;
}
