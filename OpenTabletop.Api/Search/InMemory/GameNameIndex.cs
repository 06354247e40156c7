using System.Buffers;
using Npgsql;

namespace OpenTabletop.Api.Search.InMemory;

/// <summary>
/// The active games' names as GET /search's game arm reads them, held with the in-memory game index
/// (same transaction, same generation): for each row of <c>game_search_names</c>, in that table's
/// physical order, the game's id, its names as PostgreSQL lower-cases them (the name, then the
/// alternate names), the words of its name document and the lexemes of its whole search document,
/// each with the games having it.
/// <para>
/// That order is the one <c>game_search_candidates</c> and <c>game_search_text_candidates</c>
/// (migrations 0012, 0021) take their first matches in, so the candidates found here are the ones
/// SQL finds: a bitmap scan visits a table in physical order. A write to the table moves the generation (migration 0015), so this copy is never used
/// after the order may have changed.
/// </para>
/// </summary>
internal sealed class GameNameIndex
{
    public const string Sql =
        "SELECT s.game_id, tsvector_to_array(s.names), lower(g.name), " +
        "CASE WHEN g.search_alternate_names <> '' THEN ARRAY(SELECT lower(a.name) FROM alternate_names a WHERE a.game_id = g.id) END, " +
        "tsvector_to_array(s.document) " +
        "FROM game_search_names s JOIN games g ON g.id = s.game_id ORDER BY s.ctid";

    private readonly Postings _words;
    private readonly Postings _lexemes;
    private readonly Dictionary<string, int[]> _named;

    private GameNameIndex(Guid[] ids, string[][] names, Postings words, Postings lexemes)
    {
        Ids = ids;
        Names = names;
        _words = words;
        _lexemes = lexemes;
        var named = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var game = 0; game < names.Length; game++)
        {
            foreach (var name in names[game].Distinct(StringComparer.Ordinal))
            {
                if (!named.TryGetValue(name, out var games)) named[name] = games = [];
                games.Add(game);
            }
        }
        _named = named.ToDictionary(n => n.Key, n => n.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The games (in table order) one of whose lower-cased names is <paramref name="lowered"/>.</summary>
    public IReadOnlyList<int> Named(string lowered) => _named.TryGetValue(lowered, out var games) ? games : [];

    /// <summary>The games by their place in the table's order.</summary>
    public Guid[] Ids { get; }

    /// <summary>Each game's lower-cased names: the name first, then the alternate names.</summary>
    public string[][] Names { get; }

    public int Count => Ids.Length;

    /// <summary>
    /// The first <paramref name="limit"/> games, in table order, in which every one of
    /// <paramref name="prefixes"/> begins a word of the name document (what <c>names @@ 'w1:* &amp; w2:*'</c>
    /// selects); none when there is no prefix.
    /// </summary>
    public List<int> FirstWithEveryPrefix(IReadOnlyList<string> prefixes, int limit)
    {
        var found = new List<int>(limit);
        if (prefixes.Count == 0) return found;
        // Pooled: two 12 KB bitsets per search at 100,000 games were a tenth of what a search allocated.
        var length = (Count + 63) >> 6;
        var all = ArrayPool<ulong>.Shared.Rent(length);
        var some = prefixes.Count > 1 ? ArrayPool<ulong>.Shared.Rent(length) : null;
        try
        {
            GamesWithPrefix(prefixes[0], all.AsSpan(0, length));
            for (var p = 1; p < prefixes.Count; p++)
            {
                GamesWithPrefix(prefixes[p], some.AsSpan(0, length));
                for (var w = 0; w < length; w++) all[w] &= some![w];
            }
            for (var w = 0; w < length && found.Count < limit; w++)
            {
                for (var word = all[w]; word != 0 && found.Count < limit; word &= word - 1)
                {
                    found.Add((w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word));
                }
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(all);
            if (some is not null) ArrayPool<ulong>.Shared.Return(some);
        }
        return found;
    }

    /// <summary>Sets in <paramref name="bits"/> (a bitset over table order) the games having a word that begins with <paramref name="prefix"/>.</summary>
    private void GamesWithPrefix(string prefix, Span<ulong> bits)
    {
        bits.Clear();
        // Words are in ordinal order, so those beginning with the prefix are one run starting at its insertion point.
        var at = Array.BinarySearch(_words.Keys, prefix, StringComparer.Ordinal);
        for (var i = at < 0 ? ~at : at; i < _words.Keys.Length && _words.Keys[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            foreach (var game in _words.Games[i]) bits[game >> 6] |= 1UL << (game & 63);
        }
    }

    /// <summary>
    /// The first <paramref name="limit"/> games, in table order, whose search document has every one of
    /// <paramref name="lexemes"/> (what <c>document @@ 'l1' &amp; 'l2'</c> selects); none when there is no lexeme.
    /// </summary>
    public List<int> FirstWithEveryLexeme(IReadOnlyList<string> lexemes, int limit)
    {
        var found = new List<int>(Math.Min(limit, 256));
        if (lexemes.Count == 0) return found;
        var lists = new int[lexemes.Count][];
        for (var l = 0; l < lexemes.Count; l++)
        {
            var at = Array.BinarySearch(_lexemes.Keys, lexemes[l], StringComparer.Ordinal);
            if (at < 0) return found;
            lists[l] = _lexemes.Games[at];
        }
        // Walk the shortest list, probing the others: each is ascending, so a cursor per list suffices.
        Array.Sort(lists, (a, b) => a.Length.CompareTo(b.Length));
        var cursors = new int[lists.Length];
        foreach (var game in lists[0])
        {
            var everywhere = true;
            for (var l = 1; l < lists.Length && everywhere; l++)
            {
                var list = lists[l];
                ref var at = ref cursors[l];
                while (at < list.Length && list[at] < game) at++;
                everywhere = at < list.Length && list[at] == game;
            }
            if (!everywhere) continue;
            found.Add(game);
            if (found.Count == limit) break;
        }
        return found;
    }

    public static async Task<GameNameIndex> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var ids = new List<Guid>();
        var names = new List<string[]>();
        var words = new Postings.Builder();
        var lexemes = new Postings.Builder();
        await using (var command = new NpgsqlCommand(Sql, connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var game = ids.Count;
                ids.Add(reader.GetGuid(0));
                words.Add(game, reader.GetFieldValue<string[]>(1));
                var name = reader.GetString(2);
                names.Add(reader.IsDBNull(3) ? [name] : [name, .. reader.GetFieldValue<string[]>(3)]);
                lexemes.Add(game, reader.GetFieldValue<string[]>(4));
            }
        }
        return new GameNameIndex([.. ids], [.. names], words.Build(), lexemes.Build());
    }

    /// <summary>Keys in ordinal order, each with the games (ascending table positions) having it.</summary>
    private sealed record Postings(string[] Keys, int[][] Games)
    {
        public sealed class Builder
        {
            private readonly Dictionary<string, List<int>> _games = new(StringComparer.Ordinal);

            /// <summary>Games are added in table order, so every list stays ascending.</summary>
            public void Add(int game, string[] keys)
            {
                foreach (var key in keys)
                {
                    if (!_games.TryGetValue(key, out var games)) _games[key] = games = [];
                    games.Add(game);
                }
            }

            public Postings Build()
            {
                var keys = _games.Keys.Order(StringComparer.Ordinal).ToArray();
                return new Postings(keys, [.. keys.Select(k => _games[k].ToArray())]);
            }
        }
    }
}
