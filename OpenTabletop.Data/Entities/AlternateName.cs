namespace OpenTabletop.Data.Entities;

/// <summary>
/// A row of <c>alternate_names</c>. A trigger folds a game's alternate names into
/// <see cref="Game.SearchAlternateNames"/> whenever rows are inserted, updated or deleted.
/// </summary>
public sealed class AlternateName
{
    public Guid Id { get; set; }
    public Guid GameId { get; set; }
    public required string Name { get; set; }
    public string? Language { get; set; }
    public bool IsPrimary { get; set; }
    public string? Source { get; set; }

    public Game Game { get; set; } = null!;
}
