namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>weight_votes</c> (tier 1, append-only): one 1-5 complexity vote.</summary>
public sealed class WeightVote
{
    public Guid Id { get; set; }
    public Guid GameId { get; set; }
    public decimal Weight { get; set; }
    public Guid? ApiKeyId { get; set; }
    /// <summary>Defaults to <c>now()</c> in the database when left unset.</summary>
    public DateTime CreatedAt { get; set; }

    public Game Game { get; set; } = null!;
    public ApiKey? ApiKey { get; set; }
}
