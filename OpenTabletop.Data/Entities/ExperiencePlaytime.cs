namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>experience_playtime</c>: playtime reported at one experience level.</summary>
public sealed class ExperiencePlaytime
{
    public Guid GameId { get; set; }
    /// <summary>first_play, learning, experienced or expert.</summary>
    public required string ExperienceLevel { get; set; }
    public int MedianMinutes { get; set; }
    public int? P10Minutes { get; set; }
    public int? P90Minutes { get; set; }
    public int ReportCount { get; set; }

    public Game Game { get; set; } = null!;
}
