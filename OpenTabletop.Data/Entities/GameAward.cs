namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>game_awards</c>: one result of one game for one award, year and category.</summary>
public sealed class GameAward
{
    public Guid Id { get; set; }
    public Guid GameId { get; set; }
    public Guid AwardId { get; set; }
    public int Year { get; set; }
    /// <summary>nominated, shortlisted, recommended or won.</summary>
    public required string Result { get; set; }
    public string? Category { get; set; }

    public Game Game { get; set; } = null!;
    public Award Award { get; set; } = null!;
}
