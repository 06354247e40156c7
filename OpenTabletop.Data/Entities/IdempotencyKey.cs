namespace OpenTabletop.Data.Entities;

/// <summary>
/// The first answer to a vote or play POSTed with an Idempotency-Key (migration 0016), kept a day so
/// that a retry gets it again instead of casting a second vote. Written by the Api in the vote's transaction.
/// </summary>
public sealed class IdempotencyKey
{
    public Guid ApiKeyId { get; set; }
    public required string Key { get; set; }
    /// <summary>SHA-256 of what was asked (kind, game, canonical body): the same key with another request is refused.</summary>
    public required byte[] RequestHash { get; set; }
    public short Status { get; set; }
    public string? Location { get; set; }
    public required string Body { get; set; }
    public DateTime CreatedAt { get; set; }

    public ApiKey? ApiKey { get; set; }
}
