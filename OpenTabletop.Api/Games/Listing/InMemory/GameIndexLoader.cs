using System.Data;
using Npgsql;
using OpenTabletop.Api.Http.Paging;

using OpenTabletop.Api.Search.InMemory;

namespace OpenTabletop.Api.Games.Listing.InMemory;

/// <summary>
/// Reads a <see cref="GameIndexSnapshot"/> in one read-only, repeatable-read transaction, so the
/// generation, the facets, the variants and the sort orders are one consistent state.
/// </summary>
internal static class GameIndexLoader
{
    public const string GenerationSql = "SELECT generation FROM game_facets_generation";

    private const string FacetsSql =
        "SELECT id, type, mode, language_dependence, min_players, max_players, top_player_counts, recommended_player_counts, " +
        "min_playtime_minutes, max_playtime_minutes, community_playtime_min_minutes, community_playtime_max_minutes, " +
        "min_age, community_suggested_age, weight, weight_votes, average_rating, rating_count, rating_confidence, " +
        "year_published, mechanic_codes, theme_codes, category_codes, sort_name, bayes_rating, community_playtime_median_minutes " +
        "FROM game_facets WHERE status = 'active'";

    private const string VariantsSql =
        "SELECT v.game_id, v.preference, v.integration, v.min_players, v.max_players, v.min_playtime_minutes, v.max_playtime_minutes, " +
        "v.weight, v.top_at, v.recommended_at, v.min_age FROM game_variants v JOIN game_facets f ON f.id = v.game_id AND f.status = 'active' " +
        "ORDER BY v.game_id, v.preference";

    public static async Task<GameIndexSnapshot> LoadAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
        {
            await readOnly.ExecuteNonQueryAsync(ct);
        }

        long generation;
        await using (var command = new NpgsqlCommand(GenerationSql, connection, transaction))
        {
            generation = (long)(await command.ExecuteScalarAsync(ct))!;
        }

        var facets = new FacetColumns();
        await using (var command = new NpgsqlCommand(FacetsSql, connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) facets.Add(reader);
        }
        var positionOf = new Dictionary<Guid, int>(facets.Ids.Count);
        for (var i = 0; i < facets.Ids.Count; i++) positionOf[facets.Ids[i]] = i;

        var (variantStart, variants) = await ReadVariantsAsync(connection, transaction, positionOf, ct);
        var terms = await ReadTermCodesAsync(connection, transaction, ct);
        var names = await GameNameIndex.LoadAsync(connection, transaction, ct);

        var orders = new Dictionary<(string, bool), int[]>();
        var ranks = new Dictionary<(string, bool), int[]>();
        foreach (var (sort, key) in GameSorts.Keys)
        {
            foreach (var descending in new[] { false, true })
            {
                var order = await ReadOrderAsync(connection, transaction, key, descending, positionOf, ct);
                var rank = new int[order.Length];
                for (var i = 0; i < order.Length; i++) rank[order[i]] = i;
                orders[(sort, descending)] = order;
                ranks[(sort, descending)] = rank;
            }
        }
        await transaction.CommitAsync(ct);

        return facets.ToSnapshot(generation, positionOf, variantStart, variants, orders, ranks, terms, names);
    }

    private static async Task<(int[] Start, GameIndexVariants Variants)> ReadVariantsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Dictionary<Guid, int> positionOf, CancellationToken ct)
    {
        // Read grouped by game, then laid out by position so a game's variants are one contiguous range.
        var byPosition = new List<VariantRow>?[positionOf.Count];
        var total = 0;
        // Player-count lists repeat across hundreds of thousands of variants: one array per distinct list.
        var lists = new Dictionary<int[], int[]>(IntArrayComparer.Instance);
        int[] Shared(int[] list) => lists.TryGetValue(list, out var one) ? one : lists[list] = list;
        await using (var command = new NpgsqlCommand(VariantsSql, connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var position = positionOf[reader.GetGuid(0)];
                (byPosition[position] ??= []).Add(new VariantRow(
                    reader.GetInt32(1), reader.GetBoolean(2), Int(reader, 3), Int(reader, 4), Int(reader, 5), Int(reader, 6),
                    GameIndexSnapshot.Thousandths(reader.IsDBNull(7) ? null : reader.GetDecimal(7)),
                    Shared(reader.GetFieldValue<int[]>(8)), Shared(reader.GetFieldValue<int[]>(9)), Int(reader, 10)));
                total++;
            }
        }

        var start = new int[positionOf.Count + 1];
        var rows = new VariantRow[total];
        var game = new int[total];
        var next = 0;
        for (var p = 0; p < byPosition.Length; p++)
        {
            start[p] = next;
            foreach (var row in byPosition[p] ?? [])
            {
                game[next] = p;
                rows[next++] = row;
            }
        }
        start[^1] = next;
        var integration = Bitset.Empty(total);
        for (var v = 0; v < total; v++) if (rows[v].Integration) Bitset.Set(integration, v);
        return (start, new GameIndexVariants
        {
            Game = game,
            Preference = [.. rows.Select(r => r.Preference)],
            Integration = integration,
            MinPlayers = [.. rows.Select(r => r.MinPlayers)],
            MaxPlayers = [.. rows.Select(r => r.MaxPlayers)],
            MinPlaytime = [.. rows.Select(r => r.MinPlaytime)],
            MaxPlaytime = [.. rows.Select(r => r.MaxPlaytime)],
            WeightThousandths = [.. rows.Select(r => r.Weight)],
            MinAge = [.. rows.Select(r => r.MinAge)],
            TopAt = [.. rows.Select(r => r.TopAt)],
            RecommendedAt = [.. rows.Select(r => r.RecommendedAt)],
        });
    }

    private const string TermCodesSql =
        "SELECT 'mechanics', id, slug, code FROM mechanics UNION ALL SELECT 'themes', id, slug, code FROM themes " +
        "UNION ALL SELECT 'categories', id, slug, code FROM categories";

    private static async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>>> ReadTermCodesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var terms = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(TermCodesSql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var table = reader.GetString(0);
            if (!terms.TryGetValue(table, out var codes)) terms[table] = codes = new(StringComparer.Ordinal);
            var code = reader.GetInt32(3);
            codes[reader.GetGuid(1).ToString("D")] = code;
            codes[reader.GetString(2)] = code;
        }
        return terms.ToDictionary(t => t.Key, t => (IReadOnlyDictionary<string, int>)t.Value, StringComparer.Ordinal);
    }

    private sealed record VariantRow(
        int Preference, bool Integration, int MinPlayers, int MaxPlayers, int MinPlaytime, int MaxPlaytime, int Weight,
        int[] TopAt, int[] RecommendedAt, int MinAge);

    /// <summary>The positions in the order the keyset SQL walks them forwards (KeysetPredicate.OrderBy).</summary>
    private static async Task<int[]> ReadOrderAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, SortKey key, bool descending,
        Dictionary<Guid, int> positionOf, CancellationToken ct)
    {
        var order = new int[positionOf.Count];
        var sql = "SELECT id FROM game_facets WHERE status = 'active' ORDER BY " + KeysetPredicate.OrderBy(key, descending, backwards: false);
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var i = 0;
        while (await reader.ReadAsync(ct)) order[i++] = positionOf[reader.GetGuid(0)];
        if (i != order.Length) throw new InvalidOperationException("The sort order and the facets disagree on the number of active games.");
        return order;
    }

    private static int Int(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? GameIndexSnapshot.Null : reader.GetInt32(ordinal);

    /// <summary>The facet columns as they are read, before they become arrays and bitsets.</summary>
    private sealed class FacetColumns
    {
        public List<Guid> Ids { get; } = [];
        private readonly List<string> _type = [];
        private readonly List<string?> _mode = [], _language = [], _sortName = [];
        private readonly List<int> _minPlayers = [], _maxPlayers = [], _minPlaytime = [], _maxPlaytime = [], _communityMin = [],
            _communityMax = [], _minAge = [], _communityAge = [], _year = [], _weightVotes = [], _ratingCount = [],
            _weight = [], _average = [], _confidence = [];
        private readonly List<int?> _median = [];
        private readonly List<int[]?> _top = [], _recommended = [];
        private readonly List<int[]> _mechanics = [], _themes = [], _categories = [];
        private readonly List<decimal?> _weightValue = [], _bayes = [];

        public void Add(NpgsqlDataReader r)
        {
            Ids.Add(r.GetGuid(0));
            _type.Add(r.GetString(1));
            _mode.Add(r.IsDBNull(2) ? null : r.GetString(2));
            _language.Add(r.IsDBNull(3) ? null : r.GetString(3));
            _minPlayers.Add(Int(r, 4));
            _maxPlayers.Add(Int(r, 5));
            _top.Add(r.IsDBNull(6) ? null : r.GetFieldValue<int[]>(6));
            _recommended.Add(r.IsDBNull(7) ? null : r.GetFieldValue<int[]>(7));
            _minPlaytime.Add(Int(r, 8));
            _maxPlaytime.Add(Int(r, 9));
            _communityMin.Add(Int(r, 10));
            _communityMax.Add(Int(r, 11));
            _minAge.Add(Int(r, 12));
            _communityAge.Add(Int(r, 13));
            var weight = r.IsDBNull(14) ? (decimal?)null : r.GetDecimal(14);
            _weightValue.Add(weight);
            _weight.Add(GameIndexSnapshot.Thousandths(weight));
            _weightVotes.Add(r.GetInt32(15));
            _average.Add(GameIndexSnapshot.Thousandths(r.IsDBNull(16) ? null : r.GetDecimal(16)));
            _ratingCount.Add(r.GetInt32(17));
            _confidence.Add(GameIndexSnapshot.Thousandths(r.IsDBNull(18) ? null : r.GetDecimal(18)));
            _year.Add(Int(r, 19));
            _mechanics.Add(r.GetFieldValue<int[]>(20));
            _themes.Add(r.GetFieldValue<int[]>(21));
            _categories.Add(r.GetFieldValue<int[]>(22));
            _sortName.Add(r.IsDBNull(23) ? null : r.GetString(23));
            _bayes.Add(r.IsDBNull(24) ? null : r.GetDecimal(24));
            _median.Add(r.IsDBNull(25) ? null : r.GetInt32(25));
        }

        /// <summary>For each value, the bitset of the positions that have it.</summary>
        private Dictionary<TKey, ulong[]> Postings<TKey>(Func<int, IEnumerable<TKey>> valuesOf) where TKey : notnull
        {
            var postings = new Dictionary<TKey, ulong[]>();
            for (var p = 0; p < Ids.Count; p++)
            {
                foreach (var value in valuesOf(p))
                {
                    if (!postings.TryGetValue(value, out var bits)) postings[value] = bits = Bitset.Empty(Ids.Count);
                    Bitset.Set(bits, p);
                }
            }
            return postings;
        }

        private static IEnumerable<string> One(string? value) => value is null ? [] : [value];

        public GameIndexSnapshot ToSnapshot(
            long generation, Dictionary<Guid, int> positionOf, int[] variantStart, GameIndexVariants variants,
            Dictionary<(string, bool), int[]> orders, Dictionary<(string, bool), int[]> ranks,
            IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> terms, GameNameIndex names) => new()
        {
            TermCodes = terms,
            Names = names,
            Generation = generation,
            Ids = [.. Ids],
            PositionOf = positionOf,
            MinPlayers = [.. _minPlayers],
            MaxPlayers = [.. _maxPlayers],
            MinPlaytime = [.. _minPlaytime],
            MaxPlaytime = [.. _maxPlaytime],
            CommunityPlaytimeMin = [.. _communityMin],
            CommunityPlaytimeMax = [.. _communityMax],
            MinAge = [.. _minAge],
            CommunitySuggestedAge = [.. _communityAge],
            WeightThousandths = [.. _weight],
            WeightVotes = [.. _weightVotes],
            AverageRatingThousandths = [.. _average],
            RatingCount = [.. _ratingCount],
            RatingConfidenceThousandths = [.. _confidence],
            YearPublished = [.. _year],
            ByType = Postings(p => One(_type[p])),
            ByMode = Postings(p => One(_mode[p])),
            ByLanguageDependence = Postings(p => One(_language[p])),
            ByMechanic = Postings(p => _mechanics[p]),
            ByTheme = Postings(p => _themes[p]),
            ByCategory = Postings(p => _categories[p]),
            ByTopPlayerCount = Postings(p => _top[p] ?? []),
            ByRecommendedPlayerCount = Postings(p => _recommended[p] ?? []),
            SortName = [.. _sortName],
            BayesRating = [.. _bayes],
            Weight = [.. _weightValue],
            CommunityPlaytimeMedian = [.. _median],
            VariantStart = variantStart,
            Variants = variants,
            Orders = orders,
            Ranks = ranks,
        };
    }

    private sealed class IntArrayComparer : IEqualityComparer<int[]>
    {
        public static readonly IntArrayComparer Instance = new();

        public bool Equals(int[]? x, int[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

        public int GetHashCode(int[] list)
        {
            var hash = new HashCode();
            foreach (var value in list) hash.Add(value);
            return hash.ToHashCode();
        }
    }
}
