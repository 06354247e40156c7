using System.Text.Json;

namespace OpenTabletop.Data.Entities;

/// <summary>
/// A row of <c>game_relationships</c>: a typed, directed edge. For <c>expands</c> the source is the
/// base game and the target the add-on; <c>integrates_with</c> is stored in both directions.
/// </summary>
public sealed class GameRelationship
{
    public Guid SourceGameId { get; set; }
    public Guid TargetGameId { get; set; }
    public required string RelationshipType { get; set; }
    public int Ordinal { get; set; }
    /// <summary>jsonb: free-form, type-specific attributes (spec GameRelationship.metadata).</summary>
    public Dictionary<string, JsonElement> Metadata { get; set; } = [];

    public Game SourceGame { get; set; } = null!;
    public Game TargetGame { get; set; } = null!;
}
