namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>families</c>: a series or franchise grouping games.</summary>
public sealed class Family
{
    public Guid Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }

    public ICollection<Game> Games { get; } = [];
}
