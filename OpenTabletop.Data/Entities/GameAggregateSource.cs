namespace OpenTabletop.Data.Entities;

/// <summary>
/// A row of <c>game_aggregate_sources</c> (migration 0018): which raw sources the Materializer
/// computed a game's aggregates from at its last run. Written only by the Materializer.
/// </summary>
public sealed class GameAggregateSource
{
    public Guid GameId { get; set; }
    public bool Ratings { get; set; }
    public bool Weights { get; set; }
    public bool Plays { get; set; }
    public bool Collections { get; set; }
}
