using OpenTabletop.Api.Games;
using OpenTabletop.Api.Games.Listing;
using OpenTabletop.Api.Http.Paging;

namespace OpenTabletop.Api.Export;

/// <summary>
/// The two statements of an export, built from the list's own filter SQL (<see cref="GameFilterSql"/>)
/// and sort keys, so that an export holds exactly the games, in exactly the order, that paging
/// through GET /v1/games with the same parameters visits. Values are positional parameters shared by
/// both statements.
/// </summary>
internal sealed record ExportSql(string CountSql, string RowsSql, IReadOnlyList<object> Values, bool Effective)
{
    /// <summary>The export's SQL; <paramref name="maxRows"/> caps the count at one past it (null: count exactly).</summary>
    public static ExportSql For(ExportQuery query, FilterReferences references, int? maxRows)
    {
        var filter = GameFilterSql.For(query.Filters, references);
        // The list's order: the sort key's columns (nulls last), then the id, which makes it total.
        var order = KeysetPredicate.OrderBy(GameSorts.Keys[query.Sort], query.Descending, backwards: false);
        var select = "SELECT " + GameRows.Columns(name => GamePageQuery.FacetColumns.Contains(name) ? "g" : "w") +
                     " FROM game_facets g JOIN games w ON w.id = g.id WHERE " + filter.Where;
        // Effective mode: each game carries the variant it matched through, chosen as the list chooses it
        // (GamePageQuery: the first by preference among those that meet the effective filters).
        var rows = filter.VariantWhere is not { } variant
            ? "SELECT * FROM (" + select + ") AS rows ORDER BY " + order
            : "SELECT page.*, mv.* FROM (" + select + ") AS page CROSS JOIN LATERAL (SELECT " + MatchedVia.Columns +
              " FROM games g, game_variants v WHERE g.id = page.id AND " + variant + " ORDER BY v.preference LIMIT 1) AS mv ORDER BY " + order;
        // Counted only up to one past the limit: enough to refuse an export that is too large, exact below it.
        var matching = "SELECT 1 FROM game_facets g WHERE " + filter.Where + (maxRows is { } max ? " LIMIT " + (max + 1) : "");
        var count = "SELECT (SELECT count(*)::int FROM (" + matching + ") AS matching), now()";
        return new ExportSql(count, rows, filter.Values, filter.VariantWhere is not null);
    }
}
