namespace OpenTabletop.Data.Entities;

/// <summary>
/// A row of <c>game_variants</c>: one resolved way of playing a game (alone, with an explicit
/// combination, or with a delta-summed subset of its add-ons), derived by <see cref="Variants.EffectiveVariants"/>.
/// </summary>
public sealed class GameVariant
{
    public Guid GameId { get; set; }
    /// <summary>0 for the base game alone; lower is reported first when several variants match.</summary>
    public int Preference { get; set; }
    /// <summary>base, expansion_combination or delta_sum.</summary>
    public required string VariantType { get; set; }
    /// <summary>1 explicit combination, 2 delta sum, 3 base only.</summary>
    public short ResolutionTier { get; set; }
    public Guid? CombinationId { get; set; }
    public Guid? EditionId { get; set; }
    public Guid[] ExpansionIds { get; set; } = [];
    /// <summary>The expansions as a JSON array of {slug, name}, sorted by slug.</summary>
    public string Expansions { get; set; } = "[]";
    public bool Integration { get; set; }
    public int? MinPlayers { get; set; }
    public int? MaxPlayers { get; set; }
    public int? MinPlaytimeMinutes { get; set; }
    public int? MaxPlaytimeMinutes { get; set; }
    public decimal? Weight { get; set; }
    public int[] TopAt { get; set; } = [];
    public int[] RecommendedAt { get; set; } = [];
    public int? MinAge { get; set; }

    public Game Game { get; set; } = null!;
    public ExpansionCombination? Combination { get; set; }
    public GameEdition? Edition { get; set; }
}

