namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>game_themes</c>: the junction behind <see cref="Game.Themes"/>.</summary>
public sealed class GameTheme
{
    public Guid GameId { get; set; }
    public Guid ThemeId { get; set; }

    public Game Game { get; set; } = null!;
    public Theme Theme { get; set; } = null!;
}
