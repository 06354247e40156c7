using System.Text.Json;
using Npgsql;
using OpenTabletop.Api.Http.Paging;

namespace OpenTabletop.Api.Games.Listing.InMemory;

/// <summary>
/// A page of games chosen on the in-memory index: the filter, the keyset step and the exact total
/// in memory, then one round trip that reads the page's rows (and the variants they matched
/// through) by id and, after them, the generation. The page stands only if that generation is the
/// snapshot's: then no change to the facets or variants had committed when the rows were read.
/// </summary>
internal sealed class GameIndexPages(GameIndex index, NpgsqlDataSource dataSource)
{
    /// <summary>The id and every sort column come from the facets, as in the SQL path; the rest from games.</summary>
    private static readonly HashSet<string> FacetColumns =
        [.. GameSorts.Keys.Values.SelectMany(k => k.Columns).Select(c => c.Column), "id"];

    private static readonly string Rows =
        "SELECT " + GameRows.Columns(name => FacetColumns.Contains(name) ? "g" : "w") +
        " FROM unnest($1::uuid[]) WITH ORDINALITY AS p(id, ord) JOIN game_facets g ON g.id = p.id JOIN games w ON w.id = p.id ORDER BY p.ord";

    private static readonly string RowsWithVariants =
        "SELECT " + GameRows.Columns(name => FacetColumns.Contains(name) ? "g" : "w") + ", " + MatchedVia.Columns +
        " FROM unnest($1::uuid[], $2::int[]) WITH ORDINALITY AS p(id, preference, ord) JOIN game_facets g ON g.id = p.id" +
        " JOIN games w ON w.id = p.id JOIN game_variants v ON v.game_id = p.id AND v.preference = p.preference ORDER BY p.ord";

    /// <summary>
    /// The snapshot to answer <paramref name="filters"/> from, or null when SQL must answer: the
    /// index is off or not loaded yet, or the filter names what it does not hold.
    /// </summary>
    public GameIndexSnapshot? SnapshotFor(GameFilters filters)
    {
        if (!index.Enabled) return Declined("disabled");
        if (index.Current is not { } snapshot)
        {
            index.RequestReload();
            return Declined("loading");
        }
        return GameIndexFilter.Supports(filters) ? snapshot : Declined("filter");
    }

    /// <summary>
    /// The page chosen on <paramref name="snapshot"/> with <paramref name="references"/> resolved on
    /// it (or by SQL), or null when SQL must answer: a cursor the index cannot place, or a snapshot
    /// older than the database (then a reload is asked for).
    /// </summary>
    public async Task<KeysetPage<GameResponse>?> TryExecuteAsync(
        GameIndexSnapshot snapshot, GameFilters filters, FilterReferences references, PageRequest page, CancellationToken ct)
    {
        var selection = GameIndexSelection.Choose(snapshot, GameIndexFilter.Evaluate(snapshot, filters, references), page);
        if (selection is null) return Declined<KeysetPage<GameResponse>>("cursor");

        var (rows, generation) = await ReadAsync(selection, filters.UsesVariants, GameSorts.Keys[page.Sort], ct);
        if (generation != snapshot.Generation || rows.Count != selection.Ids.Count)
        {
            index.RequestReload();
            return Declined<KeysetPage<GameResponse>>("stale");
        }
        index.CountMemory();
        return KeysetQuery<GameResponse>.Assemble(rows, page, selection.Total, game => game.Id);
    }

    /// <summary>A filter names a term the snapshot does not know: SQL resolves it (and reports it if unknown).</summary>
    public void DeclineNames() => index.CountSql("names");

    private T? Declined<T>(string reason) where T : class
    {
        index.CountSql(reason);
        return null;
    }

    private GameIndexSnapshot? Declined(string reason) => Declined<GameIndexSnapshot>(reason);

    /// <summary>
    /// The statements a page chosen in memory runs: its rows by id, then the generation (the
    /// benchmark issues them directly to measure the database's own limit).
    /// </summary>
    public static KeysetPlan Plan(GameIndexSelection selection, bool variants) => new(
        new PlannedCommand(variants ? RowsWithVariants : Rows,
            variants ? [selection.Ids.ToArray(), selection.Preferences.ToArray()] : [selection.Ids.ToArray()]),
        // After the rows: if nothing had moved the generation by then, nothing had when they were read.
        new PlannedCommand(GameIndexLoader.GenerationSql, []))
    {
        Prepared = true,
        CountLabel = "generation",
    };

    private async Task<(List<(GameResponse Row, JsonElement SortValues)> Rows, long Generation)> ReadAsync(
        GameIndexSelection selection, bool variants, SortKey key, CancellationToken ct)
    {
        var plan = Plan(selection, variants);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var batch = plan.ToBatch(connection);
        await batch.PrepareAsync(ct);

        var rows = new List<(GameResponse, JsonElement)>(selection.Ids.Count);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        int[]? ordinals = null;
        while (await reader.ReadAsync(ct))
        {
            ordinals ??= [.. key.Columns.Select(c => reader.GetOrdinal(c.Column))];
            var values = ordinals.Select(o => reader.IsDBNull(o) ? null : reader.GetValue(o)).ToArray();
            var game = GameRows.Read(reader);
            if (variants) game = game with { MatchedVia = MatchedVia.Read(reader) };
            rows.Add((game, JsonSerializer.SerializeToElement(values)));
        }
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        return (rows, reader.GetInt64(0));
    }
}
