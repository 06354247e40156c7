namespace OpenTabletop.Data.Entities;

/// <summary>A row of <c>mechanics</c>: a controlled-vocabulary term with its primary parent and full lineage.</summary>
public sealed class Mechanic
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
    public string? OriginGame { get; set; }
    public int? OriginYear { get; set; }
    public string? Era { get; set; }

    public Mechanic? Parent { get; set; }
    public ICollection<Mechanic> Children { get; } = [];
    /// <summary>Every mechanic this one evolved from (not only the primary parent).</summary>
    public ICollection<MechanicAncestor> Ancestors { get; } = [];
    public ICollection<Game> Games { get; } = [];
}
