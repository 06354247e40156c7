namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>categories</c>: a controlled-vocabulary term with its primary parent.</summary>
public sealed class Category
{
    public Guid Id { get; set; }
    /// <summary>A small integer the database assigns (identity): what games' <c>*_codes</c> arrays hold, for indexed filters.</summary>
    public int Code { get; private set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public Guid? ParentId { get; set; }
    public string[] Synonyms { get; set; } = [];
    public int[] BggIds { get; set; } = [];

    public Category? Parent { get; set; }
    public ICollection<Category> Children { get; } = [];
    public ICollection<Game> Games { get; } = [];
}
