using Npgsql;
using OpenTabletop.Api.Games;
using OpenTabletop.Api.Http.Paging;
using OpenTabletop.Api.People;
using OpenTabletop.Api.Taxonomy;

namespace OpenTabletop.Api.Search;

/// <summary>
/// Ranks one keyset page of results across the requested types (see <see cref="SearchSql"/>), then
/// loads the page's entities with one query per type present, in the shapes their own endpoints answer.
/// </summary>
internal sealed class SearchQueries(NpgsqlDataSource dataSource, PeopleQueries people, TaxonomyQueries taxonomy)
{
    public const string Sort = "score";

    /// <summary>Score, then the type's rank, then the id: a total order, so pages neither skip nor repeat.</summary>
    public static readonly IReadOnlyDictionary<string, SortKey> Sorts = new Dictionary<string, SortKey>
    {
        [Sort] = new([new SortColumn("score"), new SortColumn("type_rank")]),
    };

    public async Task<KeysetPage<SearchResultResponse>> SearchAsync(
        SearchQueryText query, IReadOnlyList<SearchResultType> types, PageRequest page, CancellationToken ct)
    {
        var hits = await Ranking(types).ExecuteAsync(dataSource, page, ct, ValuesOf(query));

        var entities = await LoadAsync(hits.Rows, ct);
        var results = hits.Rows
            .Select(hit => entities.TryGetValue((hit.ResultType, hit.Id), out var entity) ? entity((double)hit.Score) : null)
            .OfType<SearchResultResponse>()
            .ToList();
        return new KeysetPage<SearchResultResponse>(results, hits.Total, hits.HasMore, hits.NextCursor, hits.PrevCursor);
    }

    /// <summary>The ranking statements of one page, without running them (the benchmark issues them directly).</summary>
    public static KeysetPlan Plan(SearchQueryText query, IReadOnlyList<SearchResultType> types, PageRequest page) =>
        Ranking(types).Plan(page, ValuesOf(query));

    /// <summary>
    /// The games of a page of hits, as <see cref="LoadAsync"/> reads them: the response columns only, as
    /// the game endpoints read them (the benchmark issues it directly).
    /// </summary>
    public static PlannedCommand GamesById(IReadOnlyCollection<Guid> ids) =>
        new("SELECT " + GameRows.Columns("g") + " FROM games g WHERE g.id = ANY($1)", [ids.ToArray()]);

    /// <summary>
    /// Prepared: planning the ranking cost a third of running it, and its plan does not depend on q
    /// (every game arm is bounded by a function or gated by a one-time condition).
    /// </summary>
    private static KeysetQuery<SearchHit> Ranking(IReadOnlyList<SearchResultType> types) =>
        new(SearchSql.Rows(types), SearchSql.Count(types), Sorts, ReadHit, h => h.Id) { TotalColumn = "total", Prepared = true };

    /// <summary>$1 the text, $2 its words, $3 the words as a tsquery of prefixes (see <see cref="SearchSql"/>).</summary>
    private static object[] ValuesOf(SearchQueryText query) =>
        [query.Text, query.Words.ToArray(), string.Join(" & ", query.Words.Select(w => w + ":*"))];

    private static SearchHit ReadHit(NpgsqlDataReader reader) => new(reader.GetString(1), reader.GetGuid(2), reader.GetDecimal(3));

    /// <summary>
    /// Each hit's entity as a function of its score. A hit whose entity vanished between the two
    /// queries has no entry and is left out of the page.
    /// </summary>
    private async Task<Dictionary<(string Type, Guid Id), Func<double, SearchResultResponse>>> LoadAsync(
        IReadOnlyList<SearchHit> hits, CancellationToken ct)
    {
        List<Guid> IdsOf(SearchResultType type) => [.. hits.Where(h => h.ResultType == type.Name).Select(h => h.Id)];
        var entities = new Dictionary<(string, Guid), Func<double, SearchResultResponse>>();

        var gameIds = IdsOf(SearchResultType.Game);
        if (gameIds.Count > 0)
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var command = GamesById(gameIds).ToCommand(connection);
            await command.PrepareAsync(ct);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var game = GameRows.Read(reader);
                entities[(SearchResultType.Game.Name, game.Id)] = score => new(SearchResultType.Game.Name, score, Game: game);
            }
        }
        foreach (var designer in await people.ListDesignersByIdAsync(IdsOf(SearchResultType.Designer), ct))
        {
            entities[(SearchResultType.Designer.Name, designer.Id)] = score => new(SearchResultType.Designer.Name, score, Designer: designer);
        }
        foreach (var publisher in await people.ListPublishersByIdAsync(IdsOf(SearchResultType.Publisher), ct))
        {
            entities[(SearchResultType.Publisher.Name, publisher.Id)] = score => new(SearchResultType.Publisher.Name, score, Publisher: publisher);
        }
        foreach (var mechanic in await taxonomy.ListByIdAsync(TaxonomyKind.Mechanics, IdsOf(SearchResultType.Mechanic), ct))
        {
            entities[(SearchResultType.Mechanic.Name, mechanic.Id)] = score => new(SearchResultType.Mechanic.Name, score, Mechanic: mechanic);
        }
        foreach (var category in await taxonomy.ListByIdAsync(TaxonomyKind.Categories, IdsOf(SearchResultType.Category), ct))
        {
            entities[(SearchResultType.Category.Name, category.Id)] = score => new(SearchResultType.Category.Name, score, Category: category);
        }
        return entities;
    }
}
