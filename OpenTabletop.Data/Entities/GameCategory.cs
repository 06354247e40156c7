namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>game_categories</c>: the junction behind <see cref="Game.Categories"/>.</summary>
public sealed class GameCategory
{
    public Guid GameId { get; set; }
    public Guid CategoryId { get; set; }

    public Game Game { get; set; } = null!;
    public Category Category { get; set; } = null!;
}
