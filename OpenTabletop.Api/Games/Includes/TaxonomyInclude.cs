using OpenTabletop.Api.Taxonomy;

namespace OpenTabletop.Api.Games.Includes;

/// <summary>mechanics, categories, themes: the same term shape as /v1/mechanics etc., sorted by name.</summary>
internal static class TaxonomyInclude
{
    public static IncludeLoad Mechanics() => For(TaxonomyKind.Mechanics, (game, terms) => game with { Mechanics = terms });

    public static IncludeLoad Categories() => For(TaxonomyKind.Categories, (game, terms) => game with { Categories = terms });

    public static IncludeLoad Themes() => For(TaxonomyKind.Themes, (game, terms) => game with { Themes = terms });

    private static ListIncludeLoad<TaxonomyTermResponse> For(
        TaxonomyKind kind, Func<GameResponse, IReadOnlyList<TaxonomyTermResponse>, GameResponse> apply) => new(
        "SELECT terms.*, j.game_id FROM (" + kind.TermsSql + ") AS terms " +
        "JOIN " + kind.Junction + " j ON j." + kind.Column + " = terms.id " +
        "WHERE j.game_id = ANY($1) ORDER BY j.game_id, terms.name, terms.id",
        row => (row.GetGuid(row.GetOrdinal("game_id")), TaxonomyQueries.Read(kind, row)),
        apply);
}
