using OpenTabletop.Api.Games.Listing.InMemory;

namespace OpenTabletop.Api.Search.InMemory;

/// <summary>
/// The games of a search's prefix arm (every word of q begins a word of a name), found on the
/// in-memory name index, with their closeness to q computed in process: what the SQL ranking would
/// otherwise find and compute itself (<see cref="SearchSql.Rows"/> with gamesFromMemory). Null
/// closeness where a name is outside the trigram model (non-ASCII), for SQL to compute. With
/// <see cref="TextIds"/>, the text arm's games too, when the names leave it room.
/// </summary>
internal sealed record GameNameCandidates(long Generation, Guid[] Ids, float?[] Closeness)
{
    /// <summary>
    /// What <c>game_search_text_candidates</c> returns for q's English lexemes: the first
    /// <see cref="SearchSql.TextCandidates"/> games, in table order, whose search document has them all
    /// (the name hits among them included: SQL leaves those out and bounds the rest, as it does for its own).
    /// </summary>
    public Guid[] TextIds { get; init; } = [];

    /// <summary>Only when the names are fewer than the bound does SQL rank text hits at all.</summary>
    public bool NeedsText => Ids.Length < SearchSql.GameCandidates;

    /// <summary>These candidates with the text arm's games on <paramref name="snapshot"/> (the one they were found on).</summary>
    public GameNameCandidates WithText(GameIndexSnapshot snapshot, IReadOnlyList<string> lexemes)
    {
        var names = snapshot.Names;
        return this with { TextIds = [.. names.FirstWithEveryLexeme(lexemes, SearchSql.TextCandidates).Select(game => names.Ids[game])] };
    }

    /// <summary>
    /// The candidates of <paramref name="query"/> on <paramref name="snapshot"/>, or null with the
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

        // lower($1), as SQL compares: for ASCII the same as the invariant culture's.
        var q = new Trigrams.Query(query.Text.ToLowerInvariant());
        var ids = new Guid[found.Count];
        var closeness = new float?[found.Count];
        for (var i = 0; i < found.Count; i++)
        {
            ids[i] = names.Ids[found[i]];
            closeness[i] = BestOf(q, names.Names[found[i]]);
        }
        reason = "";
        return new GameNameCandidates(snapshot.Generation, ids, closeness);
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
