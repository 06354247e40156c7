namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>community_age_polls</c>: votes for one suggested minimum age.</summary>
public sealed class CommunityAgePoll
{
    public Guid GameId { get; set; }
    public int SuggestedAge { get; set; }
    public int VoteCount { get; set; }

    public Game Game { get; set; } = null!;
}
