namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>play_logs</c> (tier 1, append-only).</summary>
public sealed class PlayLog
{
    public Guid Id { get; set; }
    public Guid GameId { get; set; }
    public int DurationMinutes { get; set; }
    public int? PlayerCount { get; set; }
    public string? ExperienceLevel { get; set; }
    public bool IsCampaign { get; set; }
    public DateOnly? PlayedAt { get; set; }
    public Guid? ApiKeyId { get; set; }
    /// <summary>Defaults to <c>now()</c> in the database when left unset.</summary>
    public DateTime CreatedAt { get; set; }

    public Game Game { get; set; } = null!;
    public ApiKey? ApiKey { get; set; }
}
