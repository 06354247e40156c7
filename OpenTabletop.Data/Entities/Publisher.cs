namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>publishers</c>.</summary>
public sealed class Publisher
{
    public Guid Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    /// <summary>ISO 3166-1 alpha-2, upper case (<c>char(2)</c>).</summary>
    public string? Country { get; set; }
    public string? Website { get; set; }

    public ICollection<GamePublisher> GamePublishers { get; } = [];
    public ICollection<EditionPublisher> EditionPublishers { get; } = [];
}
