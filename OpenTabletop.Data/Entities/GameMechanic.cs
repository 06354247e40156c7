namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>game_mechanics</c>: the junction behind <see cref="Game.Mechanics"/>.</summary>
public sealed class GameMechanic
{
    public Guid GameId { get; set; }
    public Guid MechanicId { get; set; }

    public Game Game { get; set; } = null!;
    public Mechanic Mechanic { get; set; } = null!;
}
