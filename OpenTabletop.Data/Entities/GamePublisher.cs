namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>game_publishers</c>.</summary>
public sealed class GamePublisher
{
    public Guid GameId { get; set; }
    public Guid PublisherId { get; set; }
    public int Ordinal { get; set; }

    public Game Game { get; set; } = null!;
    public Publisher Publisher { get; set; } = null!;
}
