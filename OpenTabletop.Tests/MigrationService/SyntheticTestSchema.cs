using Npgsql;
using OpenTabletop.Data;
using OpenTabletop.MigrationService.Seeding.Synthetic;

namespace OpenTabletop.Tests.MigrationService;

/// <summary>
/// Prepares a fresh database for the synthetic seeder: the repository's migrations (the
/// Migrations/*.sql files embedded in the MigrationService assembly) applied in order, and a small
/// taxonomy standing in for the real taxonomy seeder.
/// </summary>
internal static class SyntheticTestSchema
{
    public static readonly string[] MechanicSlugs =
    [
        "action-points", "area-control", "auction-bidding", "card-drafting", "cooperative", "deck-building",
        "dice-rolling", "engine-building", "hand-management", "hidden-roles", "modular-board", "network-building",
        "pattern-building", "push-your-luck", "route-building", "set-collection", "tile-placement",
        "trick-taking", "variable-player-powers", "worker-placement",
    ];

    public static readonly string[] CategorySlugs = ["abstract", "card-game", "economic", "family", "party", "strategy", "thematic", "wargame"];

    public static readonly string[] ThemeSlugs = ["ancient", "fantasy", "horror", "medieval", "nature", "pirates", "science-fiction", "trains"];

    public static Task ApplyMigrationsAsync(string connectionString, CancellationToken ct) =>
        OpenTabletop.Tests.Support.TestDatabases.MigrateAsync(connectionString, ct);

    /// <summary>The test vocabulary, plus <paramref name="fillers"/> extra terms per table for realistic sizes.</summary>
    public static async Task SeedTaxonomyAsync(string connectionString, CancellationToken ct, int fillers = 0)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await InsertTermsAsync(connection, "mechanics", "mechanic", WithFillers(MechanicSlugs, "mechanic", fillers), ct);
        await InsertTermsAsync(connection, "categories", "category", WithFillers(CategorySlugs, "category", fillers), ct);
        await InsertTermsAsync(connection, "themes", "theme", WithFillers(ThemeSlugs, "theme", fillers), ct);
    }

    private static string[] WithFillers(string[] slugs, string kind, int fillers) =>
        [.. slugs, .. Enumerable.Range(1, fillers).Select(i => $"extra-{kind}-{i}")];

    private static async Task InsertTermsAsync(NpgsqlConnection connection, string table, string kind, string[] slugs, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"INSERT INTO {table} (id, slug, name) SELECT * FROM unnest(@ids, @slugs, @names)", connection);
        command.Parameters.AddWithValue("ids", slugs.Select(s => DeterministicIds.For(kind, s)).ToArray());
        command.Parameters.AddWithValue("slugs", slugs);
        command.Parameters.AddWithValue("names", slugs.Select(s => string.Join(' ', s.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]))).ToArray());
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A hand-written game, like the sample set, that the synthetic load must leave alone.</summary>
    public static async Task InsertSampleGameAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "INSERT INTO games (id, slug, name, type, min_players, max_players, created_at, updated_at) " +
            "VALUES (@id, 'spirit-island', 'Spirit Island', 'base_game', 1, 4, '2024-01-01Z', '2024-01-01Z')",
            connection);
        command.Parameters.AddWithValue("id", DeterministicIds.For("game", "spirit-island"));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>md5 over every row of each table, ordered by the row's text form.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> HashTablesAsync(string connectionString, CancellationToken ct)
    {
        string[] tables =
        [
            "games", "people", "publishers", "game_mechanics", "game_categories", "game_themes", "game_credits",
            "game_publishers", "game_relationships", "property_modifications", "expansion_combinations",
            "player_count_ratings", "experience_playtime", "experience_playtime_profiles",
            "rating_votes", "weight_votes", "play_logs",
        ];
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand(
                $"SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM {table} t", connection)
            {
                CommandTimeout = 300,
            };
            hashes[table] = (string)(await command.ExecuteScalarAsync(ct))!;
        }
        return hashes;
    }
}
