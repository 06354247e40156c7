namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>experience_playtime_profiles</c>: one per game; playtime multipliers per experience level.</summary>
public sealed class ExperiencePlaytimeProfile
{
    public Guid GameId { get; set; }
    public bool SufficientData { get; set; }
    public decimal? MultiplierFirstPlay { get; set; }
    public decimal? MultiplierLearning { get; set; }
    /// <summary>The baseline; the column defaults to 1.00, and so does a new instance.</summary>
    public decimal? MultiplierExperienced { get; set; } = 1.00m;
    public decimal? MultiplierExpert { get; set; }
    public int TotalReports { get; set; }

    public Game Game { get; set; } = null!;
}
