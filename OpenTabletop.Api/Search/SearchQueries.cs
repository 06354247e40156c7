using Npgsql;
using OpenTabletop.Api.Games;
using OpenTabletop.Api.Games.Listing.InMemory;
using OpenTabletop.Api.Http.Paging;
using OpenTabletop.Api.People;
using OpenTabletop.Api.Search.InMemory;
using OpenTabletop.Api.Taxonomy;

namespace OpenTabletop.Api.Search;

/// <summary>
/// Ranks one keyset page of results across the requested types (see <see cref="SearchSql"/>), then
/// loads the page's entities with one query per type present, in the shapes their own endpoints answer.
/// The game names are found on the in-memory index when it is current (<see cref="GameNameCandidates"/>):
/// the page is kept only if the index's generation, read after the page in the same batch, is the
/// one the names were found at; otherwise SQL finds them itself.
/// </summary>
internal sealed class SearchQueries(
    NpgsqlDataSource dataSource, PeopleQueries people, TaxonomyQueries taxonomy, GameIndex index, EnglishLexemes english)
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
        var hits = await RankAsync(query, types, page, ct);

        var entities = await LoadAsync(hits.Rows, ct);
        var results = hits.Rows
            .Select(hit => entities.TryGetValue((hit.ResultType, hit.Id), out var entity) ? entity((double)hit.Score) : null)
            .OfType<SearchResultResponse>()
            .ToList();
        return new KeysetPage<SearchResultResponse>(results, hits.Total, hits.HasMore, hits.NextCursor, hits.PrevCursor);
    }

    /// <summary>
    /// The ranking statements of one page, without running them (the benchmark issues them directly):
    /// with <paramref name="snapshot"/>, those of the in-memory path where it applies, the text arm's
    /// games found with <paramref name="lexemes"/> (<see cref="EnglishLexemes.Sql"/> of q).
    /// </summary>
    public static KeysetPlan Plan(SearchQueryText query, IReadOnlyList<SearchResultType> types, PageRequest page,
        GameIndexSnapshot? snapshot = null, IReadOnlyList<string>? lexemes = null)
    {
        var candidates = snapshot is null || !types.Contains(SearchResultType.Game) ? null : GameNameCandidates.Find(snapshot, query, out _);
        if (candidates is { NeedsText: true })
        {
            candidates = candidates.WithText(snapshot!, lexemes ?? throw new ArgumentNullException(nameof(lexemes), "q's English lexemes are needed for its text arm."));
        }
        return Ranking(types, candidates).Plan(page, ValuesOf(query, candidates));
    }

    private async Task<KeysetPage<SearchHit>> RankAsync(
        SearchQueryText query, IReadOnlyList<SearchResultType> types, PageRequest page, CancellationToken ct)
    {
        if (CandidatesFor(query, types) is var (snapshot, candidates))
        {
            if (candidates.NeedsText) candidates = candidates.WithText(snapshot, await english.OfAsync(query.Text, ct));
            var hits = await Ranking(types, candidates).ExecuteAsync(dataSource, page, ct, ValuesOf(query, candidates));
            if (hits.Trailer is long generation && generation == candidates.Generation)
            {
                index.CountSearch(null);
                return hits;
            }
            index.RequestReload();
            index.CountSearch("stale");
        }
        return await Ranking(types, null).ExecuteAsync(dataSource, page, ct, ValuesOf(query, null));
    }

    /// <summary>The in-memory candidates of a search with games and the copy they are from, or null (counted with its reason) when SQL finds them.</summary>
    private (GameIndexSnapshot Snapshot, GameNameCandidates Candidates)? CandidatesFor(SearchQueryText query, IReadOnlyList<SearchResultType> types)
    {
        if (!types.Contains(SearchResultType.Game)) return null;
        string reason;
        if (!index.Enabled)
        {
            reason = "disabled";
        }
        else if (index.Current is not { } snapshot)
        {
            index.RequestReload();
            reason = "loading";
        }
        else if (GameNameCandidates.Find(snapshot, query, out reason) is { } candidates)
        {
            return (snapshot, candidates);
        }
        index.CountSearch(reason);
        return null;
    }

    /// <summary>
    /// Prepared: planning the ranking cost a third of running it, and its plan does not depend on q
    /// (every game arm is bounded by a function or gated by a one-time condition). The page's games
    /// come with it (the response columns, as the game endpoints read them), so a page of games is one
    /// round trip.
    /// </summary>
    private static KeysetQuery<SearchHit> Ranking(IReadOnlyList<SearchResultType> types, GameNameCandidates? candidates)
    {
        var memory = candidates is not null;
        // Built once per set of types and path: the statements' text is several kilobytes, and was a
        // tenth of what a search allocated. At most 2 × 2^7 entries (the types are a fixed few).
        return RankingCache.GetOrAdd((string.Join(',', types.Select(t => t.Name)), memory), _ => Build(types, memory));
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Types, bool Memory), KeysetQuery<SearchHit>> RankingCache = new();

    private static KeysetQuery<SearchHit> Build(IReadOnlyList<SearchResultType> types, bool memory)
    {
        return new(SearchSql.Rows(types, memory), SearchSql.Count(types, memory), Sorts, ReadHit, h => h.Id)
        {
            TotalColumn = "total",
            Prepared = true,
            PageWrapper = "SELECT p.*, " + GameRows.ColumnsBesidesId("g") +
                " FROM ({page}) AS p LEFT JOIN games g ON p.result_type = 'game' AND g.id = p.id ORDER BY {order}",
            Trailer = memory ? new PlannedCommand(GameIndexLoader.GenerationSql, []) : null,
        };
    }

    /// <summary>
    /// $1 the text, $2 its words, $3 the words as a tsquery of prefixes (see <see cref="SearchSql"/>);
    /// with in-memory candidates, $4 their ids, $5 their closeness, $6 which are exact names and $7
    /// which only the text arm found.
    /// </summary>
    private static object[] ValuesOf(SearchQueryText query, GameNameCandidates? candidates)
    {
        object[] values = [query.Text, query.Words.ToArray(), string.Join(" & ", query.Words.Select(w => w + ":*"))];
        return candidates is null ? values : [.. values, candidates.Ids, candidates.Closeness, candidates.Exact, candidates.TextOnly];
    }

    private static SearchHit ReadHit(NpgsqlDataReader reader)
    {
        var type = reader.GetString(1);
        // A game that vanished between ranking and reading has no row: left out of the page like any other.
        var game = type == SearchResultType.Game.Name && !reader.IsDBNull(reader.GetOrdinal("slug")) ? GameRows.Read(reader) : null;
        return new(type, reader.GetGuid(2), reader.GetDecimal(3), game);
    }

    /// <summary>
    /// Each hit's entity as a function of its score. A hit whose entity vanished between the two
    /// queries has no entry and is left out of the page.
    /// </summary>
    private async Task<Dictionary<(string Type, Guid Id), Func<double, SearchResultResponse>>> LoadAsync(
        IReadOnlyList<SearchHit> hits, CancellationToken ct)
    {
        List<Guid> IdsOf(SearchResultType type) => [.. hits.Where(h => h.ResultType == type.Name).Select(h => h.Id)];
        var entities = new Dictionary<(string, Guid), Func<double, SearchResultResponse>>();

        foreach (var game in hits.Select(h => h.Game).OfType<GameResponse>())
        {
            entities[(SearchResultType.Game.Name, game.Id)] = score => new(SearchResultType.Game.Name, score, Game: game);
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
