namespace OpenTabletop.Data.Entities;

/// <summary>
/// The one row of <c>materialization_globals</c> (migration 0018): the population statistics of the
/// last Materializer run, from which bayes_rating and rating_confidence can be recomputed.
/// </summary>
public sealed class MaterializationGlobals
{
    public bool Singleton { get; private set; } = true;
    /// <summary>Mean of the active base games' average_rating, each game counted once.</summary>
    public decimal? GlobalMean { get; set; }
    public int RatedBaseGames { get; set; }
    /// <summary>Dirichlet prior pseudo-votes for the rating buckets 1..10.</summary>
    public decimal[] PriorVotes { get; set; } = [];
    public DateTimeOffset ChangedAt { get; set; }
}
