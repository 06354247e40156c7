using OpenTabletop.Api.Games.Expansions;

namespace OpenTabletop.Api.Games.Includes;

/// <summary>
/// expansions: the game's add-ons as full Games (membership as in <see cref="ExpansionMembership"/>),
/// ordered like the expansions endpoint's default (by name), each linking to its base as <c>parent</c>.
/// They carry no includes of their own, so embedding never nests.
/// </summary>
internal static class ExpansionsInclude
{
    public static IncludeLoad Create() => new ListIncludeLoad<GameResponse>(
        "SELECT b.id AS base_id, b.slug AS base_slug, b.name AS base_name, " + GameRows.Columns("g") + " " +
        "FROM games b JOIN games g ON " + ExpansionMembership.Predicate("g", "b.id") + " " +
        "WHERE b.id = ANY($1) ORDER BY b.id, g.sort_name, g.id",
        row =>
        {
            var expansion = GameRows.Read(row);
            var baseSlug = row.GetString(row.GetOrdinal("base_slug"));
            var baseName = row.GetString(row.GetOrdinal("base_name"));
            return (row.GetGuid(row.GetOrdinal("base_id")), ExpansionLinks.WithParent(expansion, baseSlug, baseName));
        },
        (game, expansions) => game with { Expansions = expansions });
}
