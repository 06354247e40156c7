namespace OpenTabletop.Data.Entities;

/// <summary>
/// A row of <c>expansion_combinations</c> (tier 1 of effective-property resolution): curated properties
/// for an exact set of expansions. <see cref="ExpansionIds"/> must be stored sorted, so that set equality
/// is array equality and the (base game, expansions) pair can be unique.
/// </summary>
public sealed class ExpansionCombination
{
    public Guid Id { get; set; }
    public Guid BaseGameId { get; set; }
    public Guid[] ExpansionIds { get; set; } = [];
    /// <summary>community_poll, publisher or computed.</summary>
    public required string Source { get; set; }
    public int? EffectiveMinPlayers { get; set; }
    public int? EffectiveMaxPlayers { get; set; }
    public int[]? EffectiveBestAt { get; set; }
    public int[]? EffectiveRecommendedAt { get; set; }
    public decimal? EffectiveWeight { get; set; }
    public int? EffectivePlaytimeMin { get; set; }
    public int? EffectivePlaytimeMax { get; set; }
    public int? EffectiveMinAge { get; set; }

    public Game BaseGame { get; set; } = null!;
    public ICollection<CombinationExperiencePlaytime> ExperiencePlaytimes { get; } = [];
}
