namespace OpenTabletop.Api.Votes;

/// <summary>What is being submitted: its table, its path segment under the game, and its name in messages.</summary>
internal sealed record VoteKind(string Name, string Table, string Segment)
{
    public static readonly VoteKind Rating = new("rating", "rating_votes", "ratings");
    public static readonly VoteKind Weight = new("weight vote", "weight_votes", "weight");
    public static readonly VoteKind Play = new("play", "play_logs", "plays");
}
