using NpgsqlTypes;

namespace OpenTabletop.Data.Entities;

/// <summary>
/// A row of <c>game_search_names</c>: the name document of an active game (its name and alternate
/// names) and a copy of its whole search document, which GET /search reads through their own indexes. Kept by triggers on <c>games</c>;
/// mapped so that the model covers the schema, never written through EF.
/// </summary>
public sealed class GameSearchName
{
    public Guid GameId { get; private set; }
    public NpgsqlTsVector Names { get; private set; } = null!;
    public NpgsqlTsVector Document { get; private set; } = null!;
}
