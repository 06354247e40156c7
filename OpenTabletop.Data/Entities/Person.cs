namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>people</c>: designers, artists and every other credited role.</summary>
public sealed class Person
{
    public Guid Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }

    public ICollection<GameCredit> Credits { get; } = [];
    public ICollection<EditionArtist> EditionArtists { get; } = [];
}
