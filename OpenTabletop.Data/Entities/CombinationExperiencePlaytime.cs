namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>combination_experience_playtime</c>: overrides the base game's <see cref="ExperiencePlaytime"/>.</summary>
public sealed class CombinationExperiencePlaytime
{
    public Guid CombinationId { get; set; }
    /// <summary>first_play, learning, experienced or expert.</summary>
    public required string ExperienceLevel { get; set; }
    public int MedianMinutes { get; set; }
    public int? P10Minutes { get; set; }
    public int? P90Minutes { get; set; }
    public int ReportCount { get; set; }

    public ExpansionCombination Combination { get; set; } = null!;
}
