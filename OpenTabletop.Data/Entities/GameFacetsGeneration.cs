namespace OpenTabletop.Data.Entities;

/// <summary>
/// The one-row counter that moves whenever game_facets or game_variants change (migration 0014);
/// the Api compares it with the generation its in-memory copy was loaded at.
/// </summary>
public sealed class GameFacetsGeneration
{
    public bool Singleton { get; private set; } = true;
    public long Generation { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }
}
