using OpenTabletop.Api.Games.Listing.InMemory;

namespace OpenTabletop.Api.Search.InMemory;

/// <summary>
/// The games of a search's prefix arm (every word of q begins a word of a name), found on the
/// in-memory name index, with their closeness to q computed in process: what the SQL ranking would
/// otherwise find and compute itself (<see cref="SearchSql.Rows"/> with gamesFromMemory). Null
/// closeness where a name is outside the trigram model (non-ASCII), for SQL to compute.
/// </summary>
internal sealed record GameNameCandidates(long Generation, Guid[] Ids, float?[] Closeness)
{
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
