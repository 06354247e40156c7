using OpenTabletop.Data.Variants;
using OpenTabletop.Tests.Fixtures;

namespace OpenTabletop.Tests.MigrationService;

/// <summary>
/// Migration 0013: game_facets mirrors every game's filterable columns and carries its mechanics',
/// themes' and categories' codes, kept by statement triggers on games and the junction tables,
/// which stay the source of truth.
/// </summary>
public sealed class GameFacetTriggerTests(PostgresFixture postgres)
{
    private static readonly Guid SpiritIsland = Guid.Parse("01912f4c-7e3a-7b1a-8c5d-9f0e1a2b3c4d");

    /// <summary>Games whose facets differ from what games and the junction tables say (or are missing).</summary>
    internal const string Drift = """
        SELECT count(*) FROM games g LEFT JOIN game_facets f ON f.id = g.id WHERE f.id IS NULL
         OR (f.status, f.type, f.parent_game_id, f.mode, f.sort_name, f.year_published, f.min_players, f.max_players, f.top_player_counts,
             f.recommended_player_counts, f.min_playtime_minutes, f.max_playtime_minutes, f.community_playtime_min_minutes,
             f.community_playtime_max_minutes, f.community_playtime_median_minutes, f.min_age, f.community_suggested_age,
             f.weight, f.weight_votes, f.average_rating, f.bayes_rating, f.rating_count, f.rating_confidence, f.language_dependence)
            IS DISTINCT FROM
            (g.status, g.type, g.parent_game_id, g.mode, g.sort_name, g.year_published, g.min_players, g.max_players, g.top_player_counts,
             g.recommended_player_counts, g.min_playtime_minutes, g.max_playtime_minutes, g.community_playtime_min_minutes,
             g.community_playtime_max_minutes, g.community_playtime_median_minutes, g.min_age, g.community_suggested_age,
             g.weight, g.weight_votes, g.average_rating, g.bayes_rating, g.rating_count, g.rating_confidence, g.language_dependence)
         OR f.mechanic_codes <> coalesce((SELECT array_agg(t.code ORDER BY t.code) FROM game_mechanics j JOIN mechanics t ON t.id = j.mechanic_id WHERE j.game_id = g.id), '{}')
         OR f.theme_codes <> coalesce((SELECT array_agg(t.code ORDER BY t.code) FROM game_themes j JOIN themes t ON t.id = j.theme_id WHERE j.game_id = g.id), '{}')
         OR f.category_codes <> coalesce((SELECT array_agg(t.code ORDER BY t.code) FROM game_categories j JOIN categories t ON t.id = j.category_id WHERE j.game_id = g.id), '{}')
        """;

    [Fact]
    public async Task SeededGamesHaveFacetsMatchingThemAndTheirTerms()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await SeededAsync(ct);

        Assert.Equal(0, await db.ScalarAsync<long>(Drift, ct));
        Assert.Equal(await db.CountAsync("games", ct), await db.CountAsync("game_facets", ct));
        Assert.True(await db.ScalarAsync<int>("SELECT cardinality(mechanic_codes) FROM game_facets WHERE id = $1", ct, SpiritIsland) > 0);
    }

    [Fact]
    public async Task WritesToGamesAndTheJunctionTablesKeepTheFacetsInStep()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await SeededAsync(ct);
        var before = await db.ScalarAsync<int[]>("SELECT mechanic_codes FROM game_facets WHERE id = $1", ct, SpiritIsland);

        // One statement adding two mechanics to one game, one adding a theme to every game.
        await db.ScalarAsync<long>("""
            WITH added AS (INSERT INTO game_mechanics (game_id, mechanic_id)
                           SELECT $1, id FROM mechanics WHERE slug IN ('trading-and-negotiation', 'dice-rolling')
                           ON CONFLICT DO NOTHING RETURNING 1)
            SELECT count(*) FROM added
            """, ct, SpiritIsland);
        await db.ScalarAsync<long>("""
            WITH added AS (INSERT INTO game_themes (game_id, theme_id)
                           SELECT g.id, (SELECT id FROM themes ORDER BY slug LIMIT 1) FROM games g
                           ON CONFLICT DO NOTHING RETURNING 1)
            SELECT count(*) FROM added
            """, ct);
        Assert.Equal(0, await db.ScalarAsync<long>(Drift, ct));
        Assert.True((await db.ScalarAsync<int[]>("SELECT mechanic_codes FROM game_facets WHERE id = $1", ct, SpiritIsland)).Length > before.Length);

        // Moving a link to another game refreshes both games.
        await db.ScalarAsync<long>("""
            WITH moved AS (UPDATE game_mechanics SET game_id = (SELECT id FROM games WHERE id <> $1 ORDER BY slug LIMIT 1)
                           WHERE game_id = $1 AND mechanic_id = (SELECT id FROM mechanics WHERE slug = 'trading-and-negotiation') RETURNING 1)
            SELECT count(*) FROM moved
            """, ct, SpiritIsland);
        Assert.Equal(0, await db.ScalarAsync<long>(Drift, ct));

        // The game's own columns, and a deleted game.
        await db.ScalarAsync<long>("WITH changed AS (UPDATE games SET weight = 1.5, name = 'Renamed', status = 'archived' WHERE id = $1 RETURNING 1) SELECT count(*) FROM changed", ct, SpiritIsland);
        Assert.Equal("1.5/archived/renamed", await db.ScalarAsync<string>("SELECT trim_scale(weight) || '/' || status || '/' || sort_name FROM game_facets WHERE id = $1", ct, SpiritIsland));
        await db.ScalarAsync<long>("WITH gone AS (DELETE FROM game_mechanics WHERE game_id = $1 RETURNING 1) SELECT count(*) FROM gone", ct, SpiritIsland);
        await db.ScalarAsync<long>("WITH gone AS (DELETE FROM game_categories RETURNING 1) SELECT count(*) FROM gone", ct);
        Assert.Equal(0, await db.ScalarAsync<long>(Drift, ct));
        Assert.Empty(await db.ScalarAsync<int[]>("SELECT mechanic_codes FROM game_facets WHERE id = $1", ct, SpiritIsland));
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM game_facets WHERE category_codes <> '{}'", ct));
    }

    [Fact]
    public async Task TheGenerationMovesWhenFacetsOrVariantsChangeAndOnlyThen()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await SeededAsync(ct);
        await EffectiveVariants.RefreshAsync(db.DataSource, null, ct);
        const string Generation = "SELECT generation FROM game_facets_generation";
        var start = await db.ScalarAsync<long>(Generation, ct);

        // Columns neither the facets nor the search documents hold, and a variant refresh with nothing new: the Api's copy stays valid.
        await db.ScalarAsync<long>("WITH changed AS (UPDATE games SET owner_count = 7, image_url = 'https://example.org/x.png' WHERE id = $1 RETURNING 1) SELECT count(*) FROM changed", ct, SpiritIsland);
        await EffectiveVariants.RefreshAsync(db.DataSource, null, ct);
        Assert.Equal(start, await db.ScalarAsync<long>(Generation, ct));

        // A description: the search document copied for GET /search's text arm (migration 0021) changes.
        await db.ScalarAsync<long>("WITH changed AS (UPDATE games SET description = 'Changed.' WHERE id = $1 RETURNING 1) SELECT count(*) FROM changed", ct, SpiritIsland);
        Assert.Equal(start + 1, await db.ScalarAsync<long>(Generation, ct));
        Assert.True(await db.ScalarAsync<bool>("SELECT s.document = g.search_vector FROM game_search_names s JOIN games g ON g.id = s.game_id WHERE g.id = $1", ct, SpiritIsland));

        // A facet column: one statement, one step, whatever the number of rows.
        await db.ScalarAsync<long>("WITH changed AS (UPDATE games SET weight = 2.25 RETURNING 1) SELECT count(*) FROM changed", ct);
        Assert.Equal(start + 2, await db.ScalarAsync<long>(Generation, ct));

        // Terms, and the variants that follow the new weights.
        await db.ScalarAsync<long>("WITH gone AS (DELETE FROM game_mechanics WHERE game_id = $1 RETURNING 1) SELECT count(*) FROM gone", ct, SpiritIsland);
        Assert.Equal(start + 3, await db.ScalarAsync<long>(Generation, ct));
        await EffectiveVariants.RefreshAsync(db.DataSource, null, ct);
        // (A step for its delete and one for its insert.)
        var refreshed = await db.ScalarAsync<long>(Generation, ct);
        Assert.True(refreshed > start + 3, $"the variant refresh left the generation at {refreshed}");

        // A rollback leaves it where it was: it counts committed changes only.
        await using (var connection = await db.DataSource.OpenConnectionAsync(ct))
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            await using var update = new Npgsql.NpgsqlCommand("UPDATE games SET weight = 3.5 WHERE id = $1", connection, transaction) { Parameters = { new() { Value = SpiritIsland } } };
            await update.ExecuteNonQueryAsync(ct);
            await transaction.RollbackAsync(ct);
        }
        Assert.Equal(refreshed, await db.ScalarAsync<long>(Generation, ct));
    }

    private async Task<SeedTestDatabase> SeededAsync(CancellationToken ct)
    {
        var db = await SeedTestDatabase.CreateAsync(postgres, ct);
        await db.SeedTaxonomyAsync(ct);
        await db.SeedSampleAsync(ct);
        return db;
    }
}
