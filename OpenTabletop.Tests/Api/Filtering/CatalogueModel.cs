using Npgsql;

namespace OpenTabletop.Tests.Api.Filtering;

/// <summary>One game as the filters see it, loaded straight from the tables (not through the API).</summary>
public sealed record ModelGame(
    string Slug, Guid Id, string Type, string? Mode, string Status,
    int? MinPlayers, int? MaxPlayers, int[]? TopCounts, int[]? RecommendedCounts,
    int? MinPlaytime, int? MaxPlaytime, int? CommunityMin, int? CommunityMax,
    decimal? Weight, int WeightVotes, decimal? AverageRating, int RatingCount, decimal? Confidence,
    int? MinAge, int? CommunityAge, int? Year, string? LanguageDependence,
    bool SufficientExperience, IReadOnlyDictionary<string, decimal?> Multipliers,
    IReadOnlySet<string> Mechanics, IReadOnlySet<string> Themes, IReadOnlySet<string> Categories,
    IReadOnlySet<string> Designers, IReadOnlySet<string> Publishers, IReadOnlySet<string> Families)
{
    /// <summary>The game's own values of the dimensions effective mode can change.</summary>
    public PlayValues Play => new(MinPlayers, MaxPlayers, TopCounts, RecommendedCounts, MinPlaytime, MaxPlaytime, Weight, MinAge);

    /// <summary>Its rows of game_variants (the cross-check tests hold those against the effective-properties endpoint).</summary>
    public IReadOnlyList<ModelVariant> Variants { get; init; } = [];
}

/// <summary>The values effective mode compares: a game's own, or one of its variants'.</summary>
public sealed record PlayValues(
    int? MinPlayers, int? MaxPlayers, int[]? TopCounts, int[]? RecommendedCounts, int? MinPlaytime, int? MaxPlaytime, decimal? Weight, int? MinAge);

public sealed record ModelVariant(PlayValues Values, bool Integration);

/// <summary>The whole catalogue in memory, for checking the API's filtering against an independent evaluation.</summary>
public static class CatalogueModel
{
    public static async Task<IReadOnlyList<ModelGame>> LoadAsync(string connectionString, CancellationToken ct)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        // Designers, publishers and families can be named by slug or id: both go in the set.
        var links = new Dictionary<(Guid, string), HashSet<string>>();
        async Task Collect(string kind, string sql)
        {
            await using var command = dataSource.CreateCommand(sql);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var key = (reader.GetGuid(0), kind);
                if (!links.TryGetValue(key, out var set)) links[key] = set = [];
                for (var i = 1; i < reader.FieldCount; i++) set.Add(reader.GetValue(i).ToString()!);
            }
        }
        await Collect("mechanics", "SELECT gm.game_id, m.slug FROM game_mechanics gm JOIN mechanics m ON m.id = gm.mechanic_id");
        await Collect("themes", "SELECT gt.game_id, t.slug FROM game_themes gt JOIN themes t ON t.id = gt.theme_id");
        await Collect("categories", "SELECT gc.game_id, c.slug FROM game_categories gc JOIN categories c ON c.id = gc.category_id");
        await Collect("designers", "SELECT c.game_id, p.slug, p.id FROM game_credits c JOIN people p ON p.id = c.person_id WHERE c.role = 'designer'");
        await Collect("publishers", "SELECT gp.game_id, p.slug, p.id FROM game_publishers gp JOIN publishers p ON p.id = gp.publisher_id");
        await Collect("families", "SELECT gf.game_id, f.slug, f.id FROM game_families gf JOIN families f ON f.id = gf.family_id");
        IReadOnlySet<string> Set(Guid id, string kind) => links.TryGetValue((id, kind), out var set) ? set : new HashSet<string>();

        var variants = new Dictionary<Guid, List<ModelVariant>>();
        await using (var command = dataSource.CreateCommand(
            "SELECT game_id, min_players, max_players, top_at, recommended_at, min_playtime_minutes, max_playtime_minutes, weight, min_age, integration FROM game_variants"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                T? At<T>(int i) => reader.IsDBNull(i) ? default : reader.GetFieldValue<T>(i);
                var gameId = reader.GetGuid(0);
                if (!variants.TryGetValue(gameId, out var list)) variants[gameId] = list = [];
                list.Add(new ModelVariant(
                    new PlayValues(At<int?>(1), At<int?>(2), At<int[]>(3), At<int[]>(4), At<int?>(5), At<int?>(6), At<decimal?>(7), At<int?>(8)),
                    reader.GetBoolean(9)));
            }
        }

        var games = new List<ModelGame>();
        await using var select = dataSource.CreateCommand(
            "SELECT g.slug, g.id, g.type, g.mode, g.status, g.min_players, g.max_players, g.top_player_counts, g.recommended_player_counts, " +
            "g.min_playtime_minutes, g.max_playtime_minutes, g.community_playtime_min_minutes, g.community_playtime_max_minutes, " +
            "g.weight, g.weight_votes, g.average_rating, g.rating_count, g.rating_confidence, g.min_age, g.community_suggested_age, " +
            "g.year_published, g.language_dependence, coalesce(x.sufficient_data, false), " +
            "x.multiplier_first_play, x.multiplier_learning, x.multiplier_experienced, x.multiplier_expert " +
            "FROM games g LEFT JOIN experience_playtime_profiles x ON x.game_id = g.id");
        await using var row = await select.ExecuteReaderAsync(ct);
        while (await row.ReadAsync(ct))
        {
            T? Get<T>(int i) => row.IsDBNull(i) ? default : row.GetFieldValue<T>(i);
            var id = row.GetGuid(1);
            games.Add(new ModelGame(
                row.GetString(0), id, row.GetString(2), Get<string>(3), row.GetString(4),
                Get<int?>(5), Get<int?>(6), Get<int[]>(7), Get<int[]>(8),
                Get<int?>(9), Get<int?>(10), Get<int?>(11), Get<int?>(12),
                Get<decimal?>(13), row.GetInt32(14), Get<decimal?>(15), row.GetInt32(16), Get<decimal?>(17),
                Get<int?>(18), Get<int?>(19), Get<int?>(20), Get<string>(21),
                row.GetBoolean(22),
                new Dictionary<string, decimal?>
                {
                    ["first_play"] = Get<decimal?>(23), ["learning"] = Get<decimal?>(24),
                    ["experienced"] = Get<decimal?>(25), ["expert"] = Get<decimal?>(26),
                },
                Set(id, "mechanics"), Set(id, "themes"), Set(id, "categories"),
                Set(id, "designers"), Set(id, "publishers"), Set(id, "families"))
            {
                Variants = variants.TryGetValue(id, out var own) ? own : [],
            });
        }
        return games;
    }
}
