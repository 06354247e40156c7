using OpenTabletop.Api.Games.Listing.InMemory;

namespace OpenTabletop.Api.Search.InMemory;

/// <summary>
/// A search's game candidates found on the in-memory name index, exactly as SQL's own arms would
/// find them (<see cref="SearchSql"/>): the games whose name equals q (<see cref="Exact"/>), the
/// prefix arm's (every word of q begins a word of a name) with their closeness to q computed in
/// process (null where a name is outside the trigram model, for SQL to compute), and, with
/// <see cref="WithText"/>, the text arm's (<see cref="TextOnly"/>). The ranking statement then only
/// scores them by their documents (<see cref="SearchSql.Rows"/> with gamesFromMemory).
/// </summary>
internal sealed record GameNameCandidates(long Generation, Guid[] Ids, float?[] Closeness, bool[] Exact)
{
    /// <summary>Parallel to <see cref="Ids"/>: a game found by its document alone, scored by text only.</summary>
    public bool[] TextOnly { get; init; } = new bool[Ids.Length];

    /// <summary>How many of the candidates are name hits (exact or prefix); the text hits follow them.</summary>
    private int Names => TextOnly.Count(t => !t);

    /// <summary>Only when the name hits are fewer than the bound does SQL rank text hits at all.</summary>
    public bool NeedsText => Names < SearchSql.GameCandidates;

    /// <summary>
    /// These candidates and the text arm's, on <paramref name="snapshot"/> (the one they were found on):
    /// what <c>game_search_text_candidates</c> returns for q's English <paramref name="lexemes"/>
    /// (the first <see cref="SearchSql.TextCandidates"/> games in table order whose document has them
    /// all), less the name hits, the first <see cref="SearchSql.GameCandidates"/> of the rest.
    /// </summary>
    public GameNameCandidates WithText(GameIndexSnapshot snapshot, IReadOnlyList<string> lexemes)
    {
        var index = snapshot.Names;
        var named = Ids.ToHashSet();
        var games = Names;
        var text = index.FirstWithEveryLexeme(lexemes, SearchSql.TextCandidates)
            .Select(game => index.Ids[game])
            .Where(id => !named.Contains(id))
            .Take(SearchSql.GameCandidates)
            .ToList();
        return new GameNameCandidates(Generation, [.. Ids[..games], .. text], [.. Closeness[..games], .. text.Select(_ => (float?)0f)], [.. Exact[..games], .. new bool[text.Count]])
        {
            TextOnly = [.. new bool[games], .. text.Select(_ => true)],
        };
    }

    /// <summary>
    /// The name candidates of <paramref name="query"/> on <paramref name="snapshot"/>, or null with the
    /// reason SQL must search instead: q outside the trigram model, no words, or no name with every
    /// word (the misspelling arm, which only SQL runs).
    /// </summary>
    public static GameNameCandidates? Find(GameIndexSnapshot snapshot, SearchQueryText query, out string reason)
    {
        if (!Trigrams.IsModelled(query.Text))
        {
            reason = "text";
            return null;
        }
        var names = snapshot.Names;
        var found = names.FirstWithEveryPrefix(query.Words, SearchSql.GameCandidates);
        if (found.Count == 0)
        {
            reason = "no_prefix";
            return null;
        }

        // lower($1), as SQL compares: for ASCII the same as the invariant culture's, and the names are
        // held as PostgreSQL lower-cased them, so equality here is SQL's equality.
        var lowered = query.Text.ToLowerInvariant();
        var q = new Trigrams.Query(lowered);
        var exact = names.Named(lowered);
        var games = new List<int>(found.Count + exact.Count);
        games.AddRange(exact);
        games.AddRange(found.Where(game => !exact.Contains(game)));

        var ids = new Guid[games.Count];
        var closeness = new float?[games.Count];
        var isExact = new bool[games.Count];
        for (var i = 0; i < games.Count; i++)
        {
            ids[i] = names.Ids[games[i]];
            isExact[i] = i < exact.Count;
            // An exact name scores 1 whatever its closeness.
            closeness[i] = isExact[i] ? 0f : BestOf(q, names.Names[games[i]]);
        }
        reason = "";
        return new GameNameCandidates(snapshot.Generation, ids, closeness, isExact);
    }

    /// <summary>The best of the names, as SQL's greatest(name, max over alternate names); null if any name is not modelled.</summary>
    private static float? BestOf(Trigrams.Query query, string[] names)
    {
        var best = 0f;
        foreach (var name in names)
        {
            if (!Trigrams.IsModelled(name)) return null;
            best = Math.Max(best, Trigrams.Closeness(query, name));
        }
        return best;
    }
}
