namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>game_editions</c>.</summary>
public sealed class GameEdition
{
    public Guid Id { get; set; }
    public Guid GameId { get; set; }
    public required string Name { get; set; }
    public int? YearPublished { get; set; }
    public string? Language { get; set; }
    public string? ReleaseStatus { get; set; }
    public DateOnly? ReleaseDate { get; set; }
    /// <summary>At most one canonical edition per game (a partial unique index).</summary>
    public bool IsCanonical { get; set; }
    /// <summary>jsonb array of <c>{type, code}</c>.</summary>
    public List<ProductCode> ProductCodes { get; set; } = [];
    /// <summary>jsonb <c>{length, width, height, unit}</c>.</summary>
    public BoxDimensions? Dimensions { get; set; }
    /// <summary>jsonb <c>{value, unit}</c>.</summary>
    public BoxWeight? BoxWeight { get; set; }
    public string? ImageUrl { get; set; }
    public string? ThumbnailUrl { get; set; }
    public string? Notes { get; set; }

    public Game Game { get; set; } = null!;
    public EditionDelta? Delta { get; set; }
    public ICollection<EditionPublisher> EditionPublishers { get; } = [];
    public ICollection<EditionArtist> EditionArtists { get; } = [];
}
