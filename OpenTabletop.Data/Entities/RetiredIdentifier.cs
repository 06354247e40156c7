namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>retired_identifiers</c>: an id or slug that must now answer 410 Gone.</summary>
public sealed class RetiredIdentifier
{
    public required string EntityType { get; set; }
    public required string Identifier { get; set; }
    /// <summary>The entity that replaced the retired one, of <see cref="EntityType"/>; no foreign key.</summary>
    public Guid? ReplacedBy { get; set; }
    /// <summary>Defaults to <c>now()</c> in the database when left unset.</summary>
    public DateTime RetiredAt { get; set; }
    public string? Reason { get; set; }
}
