namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>language_dependence_polls</c>: votes for one language-dependence level.</summary>
public sealed class LanguageDependencePoll
{
    public Guid GameId { get; set; }
    public required string Level { get; set; }
    public int VoteCount { get; set; }

    public Game Game { get; set; } = null!;
}
