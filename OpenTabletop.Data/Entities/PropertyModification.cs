namespace OpenTabletop.Data.Entities;

/// <summary>
/// A row of <c>property_modifications</c> (tier 2): the additive deltas one expansion applies to a base
/// game; <see cref="BestAtDelta"/> holds absolute player counts unioned in.
/// </summary>
public sealed class PropertyModification
{
    public Guid ExpansionId { get; set; }
    public Guid BaseGameId { get; set; }
    public int MinPlayersDelta { get; set; }
    public int MaxPlayersDelta { get; set; }
    public decimal WeightDelta { get; set; }
    public int PlaytimeMinDelta { get; set; }
    public int PlaytimeMaxDelta { get; set; }
    public int[] BestAtDelta { get; set; } = [];
    public int MinAgeDelta { get; set; }
    public string? Description { get; set; }

    public Game Expansion { get; set; } = null!;
    public Game BaseGame { get; set; } = null!;
}
