namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>game_families</c>: the junction behind <see cref="Game.Families"/>.</summary>
public sealed class GameFamily
{
    public Guid GameId { get; set; }
    public Guid FamilyId { get; set; }

    public Game Game { get; set; } = null!;
    public Family Family { get; set; } = null!;
}
