namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>external_identifiers</c>: a game's id in another catalogue, keyed by (source, external id).</summary>
public sealed class ExternalIdentifier
{
    public Guid GameId { get; set; }
    public required string Source { get; set; }
    public required string ExternalId { get; set; }

    public Game Game { get; set; } = null!;
}
