namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>rating_votes</c> (tier 1, append-only).</summary>
public sealed class RatingVote
{
    public Guid Id { get; set; }
    public Guid GameId { get; set; }
    /// <summary>As the voter gave it on <see cref="DeclaredScale"/> (1-10 when null); normalised when aggregated.</summary>
    public decimal Rating { get; set; }
    public short? DeclaredScale { get; set; }
    public int? PlayCount { get; set; }
    public string? ExperienceLevel { get; set; }
    public Guid? ApiKeyId { get; set; }
    /// <summary>Defaults to <c>now()</c> in the database when left unset.</summary>
    public DateTime CreatedAt { get; set; }

    public Game Game { get; set; } = null!;
    public ApiKey? ApiKey { get; set; }
}
