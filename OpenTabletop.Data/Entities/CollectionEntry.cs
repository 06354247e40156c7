namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>collection_entries</c> (tier 1, append-only).</summary>
public sealed class CollectionEntry
{
    public Guid Id { get; set; }
    public Guid GameId { get; set; }
    /// <summary>owned, wishlist, previously_owned or want_to_play.</summary>
    public required string Status { get; set; }
    public Guid? ApiKeyId { get; set; }
    /// <summary>Defaults to <c>now()</c> in the database when left unset.</summary>
    public DateTime CreatedAt { get; set; }

    public Game Game { get; set; } = null!;
    public ApiKey? ApiKey { get; set; }
}
