using Npgsql;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Games.Listing.InMemory;
using OpenTabletop.Api.Http.Paging;

namespace OpenTabletop.Api.Games.Listing;

/// <summary>
/// One page of games in one round trip whatever the page size: the keyset step and the count in one
/// batch, each planned on its own (the page may walk a sort index while the count reads a covering
/// one). Both filter and sort on <c>game_facets g</c> (migration 0013: narrow rows, term codes); only
/// the page's own rows are read from <c>games w</c>.
/// </summary>
internal sealed class GamePageQuery(NpgsqlDataSource dataSource, CatalogueCount catalogue, GameIndexPages memory)
{
    /// <summary>The id and every column a sort key orders by: taken from the facets, so the walk can follow their indexes (the export's too).</summary>
    internal static readonly HashSet<string> FacetColumns =
        [.. GameSorts.Keys.Values.SelectMany(k => k.Columns).Select(c => c.Column), "id"];

    private static readonly KeysetQuery<GameResponse> Keyset = new(
        // The keyset wrapper orders by the sort columns' names.
        "SELECT " + GameRows.Columns(name => FacetColumns.Contains(name) ? "g" : "w") + " FROM game_facets g JOIN games w ON w.id = g.id WHERE {0}",
        // Counted exactly up to the limit only: past it the planner's estimate is cheaper and honest enough.
        "SELECT count(*)::int FROM (SELECT 1 FROM game_facets g WHERE {0} LIMIT " + (ExactTotalLimit + 1) + ") AS capped",
        GameSorts.Keys,
        GameRows.Read,
        game => game.Id);

    /// <summary>SPEC-DECISIONS "Totals": exact up to 10,000 matches, an estimate above.</summary>
    public const int ExactTotalLimit = 10_000;

    /// <summary>
    /// A page of a game list or search, or the names among its filters that do not exist (for a 422;
    /// <paramref name="fieldName"/> turns a GET parameter name into the caller's field name). Chosen
    /// on the in-memory index when it can answer, names resolved on its copy of the taxonomy (exact
    /// total, no round trip but the page's rows); else the names are resolved and the page chosen by
    /// SQL (<see cref="GameIndexPages"/> says when).
    /// </summary>
    public async Task<(KeysetPage<GameResponse>? Page, List<FieldError> Unknown)> RunAsync(
        GameFilters filters, Func<string, string> fieldName, PageRequest page, CancellationToken ct)
    {
        if (memory.SnapshotFor(filters) is { } snapshot)
        {
            if (FilterReferenceResolver.TryResolve(snapshot, filters) is { } known)
            {
                // Stale or unplaceable: resolved on a copy that may be old, so SQL resolves again below.
                if (await memory.TryExecuteAsync(snapshot, filters, known, page, ct) is { } fromMemory) return (fromMemory, []);
            }
            else
            {
                memory.DeclineNames();
            }
        }

        var (references, unknown) = await ResolveReferencesAsync(filters, fieldName, ct);
        if (unknown.Count > 0) return (null, unknown);
        return (await ExecuteAsync(GameFilterSql.For(filters, references), page, ct), []);
    }

    /// <summary>A page by SQL alone, for filters written directly (e.g. a game's expansions).</summary>
    public async Task<KeysetPage<GameResponse>> ExecuteAsync(GameFilterSql filter, PageRequest page, CancellationToken ct)
    {
        // No filter at all: the catalogue's size (cached for a minute, so flagged as an estimate) is the
        // total, and counting 10,001 rows per page would be the dearest part of the request.
        var catalogueSize = filter.Unfiltered ? await catalogue.ActiveGamesAsync(ct) : 0;
        var uncounted = catalogueSize > ExactTotalLimit;
        var result = await For(filter, uncounted).ExecuteAsync(dataSource, page, ct, filter.Values);
        if (uncounted) return result with { Total = catalogueSize, TotalEstimated = true };
        if (result.Total <= ExactTotalLimit) return result;
        return result with { Total = Math.Max(ExactTotalLimit + 1, await EstimateAsync(filter, ct)), TotalEstimated = true };
    }

    /// <summary>The planner's row estimate for the filter (one more round trip, only for very broad queries).</summary>
    private async Task<int> EstimateAsync(GameFilterSql filter, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("EXPLAIN (FORMAT JSON) SELECT 1 FROM game_facets g WHERE " + filter.Where);
        foreach (var value in filter.Values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        var plan = (string)(await command.ExecuteScalarAsync(ct))!;
        using var json = System.Text.Json.JsonDocument.Parse(plan);
        var rows = json.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
        return (int)Math.Min(int.MaxValue, Math.Round(rows));
    }

    /// <summary>
    /// The statements a page runs (the benchmark issues them directly to measure the database's own
    /// limit); <paramref name="catalogueSize"/> is the number of active games.
    /// </summary>
    public static KeysetPlan Plan(GameFilterSql filter, PageRequest page, int catalogueSize) =>
        For(filter, filter.Unfiltered && catalogueSize > ExactTotalLimit).Plan(page, filter.Values);

    private static KeysetQuery<GameResponse> For(GameFilterSql filter, bool uncounted)
    {
        var query = Keyset with
        {
            RowsSql = string.Format(System.Globalization.CultureInfo.InvariantCulture, Keyset.RowsSql, filter.Where),
            CountSql = string.Format(System.Globalization.CultureInfo.InvariantCulture, Keyset.CountSql, filter.Where),
            Counted = !uncounted,
        };
        // Effective mode: the filter chooses the page through EXISTS (so the planner may start from the
        // variants' indexes when they are selective); only the page's rows then look up the first
        // variant (by preference) that matched, for matched_via.
        return filter.VariantWhere is not { } variant ? query : query with
        {
            PageWrapper = "SELECT page.*, mv.* FROM ({page}) AS page CROSS JOIN LATERAL (SELECT " + MatchedVia.Columns +
                          " FROM games g, game_variants v WHERE g.id = page.id AND " + variant + " ORDER BY v.preference LIMIT 1) AS mv ORDER BY {order}",
            Read = row => GameRows.Read(row) with { MatchedVia = MatchedVia.Read(row) },
        };
    }

    /// <summary>
    /// Resolves the named things among the filters (FilterReferenceResolver); <paramref name="fieldName"/>
    /// turns a GET parameter name into the caller's field name for the 422's errors.
    /// </summary>
    public Task<(FilterReferences References, List<FieldError> Unknown)> ResolveReferencesAsync(
        GameFilters filters, Func<string, string> fieldName, CancellationToken ct) =>
        FilterReferenceResolver.ResolveAsync(dataSource, filters, fieldName, ct);
}
