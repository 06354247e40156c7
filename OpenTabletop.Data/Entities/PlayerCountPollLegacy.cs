namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>player_count_polls_legacy</c>: the BGG-style best / recommended / not recommended poll.</summary>
public sealed class PlayerCountPollLegacy
{
    public Guid GameId { get; set; }
    public int PlayerCount { get; set; }
    public int BestVotes { get; set; }
    public int RecommendedVotes { get; set; }
    public int NotRecommendedVotes { get; set; }

    public Game Game { get; set; } = null!;
}
