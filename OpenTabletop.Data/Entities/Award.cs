namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>awards</c>.</summary>
public sealed class Award
{
    public Guid Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public string? Organization { get; set; }
    public string? Website { get; set; }

    public ICollection<GameAward> GameAwards { get; } = [];
}
