namespace OpenTabletop.Data.Entities;

/// <summary>
/// A row of <c>edition_deltas</c>: how a non-canonical edition differs from the canonical one,
/// applied before any expansion. <see cref="GameId"/> repeats the edition's game.
/// </summary>
public sealed class EditionDelta
{
    public Guid EditionId { get; set; }
    public Guid GameId { get; set; }
    public int MinPlayersDelta { get; set; }
    public int MaxPlayersDelta { get; set; }
    public decimal WeightDelta { get; set; }
    public int PlaytimeMinDelta { get; set; }
    public int PlaytimeMaxDelta { get; set; }
    public int[] BestAtDelta { get; set; } = [];
    public string? RulesChanges { get; set; }
    public string? ComponentChanges { get; set; }
    public string? Description { get; set; }

    public GameEdition Edition { get; set; } = null!;
    public Game Game { get; set; } = null!;
}
