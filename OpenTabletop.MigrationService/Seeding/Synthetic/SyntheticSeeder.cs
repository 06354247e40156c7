using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTabletop.Data;
using OpenTabletop.Data.Variants;

namespace OpenTabletop.MigrationService.Seeding.Synthetic;

/// <summary>
/// The <c>synthetic</c> seed mode: a deterministic catalogue of N games with people, publishers,
/// taxonomy links, add-on effects, polls, raw votes and play logs, bulk-loaded with binary COPY in
/// one transaction. Runs after the taxonomy and the sample games; coexists with them.
/// <para>
/// Idempotency: a marker row (see <see cref="SyntheticMarker"/>) records the parameters; without
/// one, the set is recognised by its deterministic ids and first slug. Same games and seed →
/// nothing to do. Different games or seed → <see cref="SyntheticSeedConflictException"/>: the
/// generator is not prefix-stable (add-on parents, combinations and ranks depend on the whole
/// set), so topping up would mean rewriting rows in place; a different set needs a fresh database.
/// </para>
/// </summary>
public sealed class SyntheticSeeder(NpgsqlDataSource dataSource, ILogger<SyntheticSeeder> logger)
{
    /// <summary>Serialises concurrent seeders on the same database ("synthetic" in ASCII).</summary>
    private const long AdvisoryLockKey = 0x73796E7468657469;

    /// <summary>
    /// Bulk-loaded tables whose secondary indexes and foreign keys are dropped for the load and
    /// rebuilt after it (measured at 100,000 games: the COPYs into the link tables drop from ~16 s
    /// to ~3 s and the raw-vote tables avoid millions of per-row foreign-key checks).
    /// </summary>
    internal static readonly string[] DeferredTables =
    [
        "games", "game_mechanics", "game_categories", "game_themes", "game_credits", "game_publishers",
        "player_count_ratings", "rating_votes", "weight_votes", "play_logs", "game_facets",
    ];

    /// <summary>The triggers that keep game_facets in step (migration 0013), off during the load and its one rebuild.</summary>
    private static readonly (string Table, string Trigger)[] FacetTriggers =
    [
        ("games", "games_facets_inserted"), ("games", "games_facets_updated"),
        .. new[] { "game_mechanics", "game_categories", "game_themes" }
            .SelectMany(t => new[] { (t, t + "_inserted"), (t, t + "_updated"), (t, t + "_deleted") }),
    ];

    private static readonly string[] AnalyzedTables =
    [
        "games", "game_facets", "people", "publishers", "game_mechanics", "game_categories", "game_themes", "game_credits",
        "game_publishers", "game_relationships", "property_modifications", "expansion_combinations",
        "player_count_ratings", "experience_playtime", "experience_playtime_profiles", "rating_votes", "weight_votes", "play_logs",
    ];

    public async Task SeedAsync(int games, int randomSeed, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(games);
        if (games == 0)
        {
            logger.LogInformation("Synthetic seed: 0 games requested; nothing to do");
            return;
        }

        var started = Stopwatch.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await SyntheticSql.ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(@key)", ct, ("key", AdvisoryLockKey));

        if (!await ShouldLoadAsync(connection, games, randomSeed, ct))
        {
            return;
        }

        // Memory for the index rebuilds; and no need to wait for the commit record to reach disk
        // (a crash before it does leaves no marker, so the next start simply loads again).
        await SyntheticSql.ExecuteAsync(connection, "SET LOCAL maintenance_work_mem = '256MB'", ct);
        await SyntheticSql.ExecuteAsync(connection, "SET LOCAL synchronous_commit = off", ct);

        var taxonomy = await SyntheticTaxonomy.LoadAsync(connection, randomSeed, ct);
        if (taxonomy.Mechanics.Count < 8 || taxonomy.Categories.Count < 3 || taxonomy.Themes.Count < 3)
        {
            logger.LogWarning(
                "Synthetic seed: the taxonomy is small ({Mechanics} mechanics, {Categories} categories, {Themes} themes); games get fewer terms",
                taxonomy.Mechanics.Count, taxonomy.Categories.Count, taxonomy.Themes.Count);
        }
        var pools = SyntheticPools.Build(randomSeed, games);
        await pools.ResolveSlugConflictsAsync(connection, ct);
        var catalog = SyntheticCatalog.Build(randomSeed, games, taxonomy, pools);
        var terms = SyntheticAggregator.Compute(catalog, ct);
        logger.LogInformation(
            "Synthetic seed: planned {Games} games (seed {Seed}), {Ratings} rating votes, {Weights} weight votes, {Plays} play logs in {Elapsed:F1} s",
            games, randomSeed, catalog.RatingVoteTotal, catalog.WeightVoteTotal, catalog.PlayLogTotal,
            Stopwatch.GetElapsedTime(started).TotalSeconds);

        var load = new SyntheticLoad(connection, catalog, terms, logger);
        var deferred = await DeferredIndexes.DropAsync(connection, DeferredTables, logger, ct);
        // The facets are rebuilt in one pass after the load; statement by statement they would be written once per COPY.
        foreach (var (table, trigger) in FacetTriggers) await SyntheticSql.ExecuteAsync(connection, $"ALTER TABLE {table} DISABLE TRIGGER {trigger}", ct);
        await load.CopyPeopleAndPublishersAsync(ct);
        await load.CopyGamesAsync(ct);
        await load.CopyTaxonomyLinksAsync(ct);
        await load.CopyCreditsAndPublishersAsync(ct);
        await load.CopyRelationshipsAsync(ct);
        await load.CopyExpansionEffectsAsync(ct);
        await load.CopyPollsAsync(ct);
        await load.CopyVotesAndPlaysAsync(ct);
        await SyntheticSql.ExecuteAsync(connection, "SELECT rebuild_game_facets()", ct);
        foreach (var (table, trigger) in FacetTriggers) await SyntheticSql.ExecuteAsync(connection, $"ALTER TABLE {table} ENABLE TRIGGER {trigger}", ct);
        await deferred.RestoreAsync(ct);

        // Fresh statistics, so the first API queries after seeding are planned for the real sizes.
        await SyntheticSql.ExecuteAsync(connection, $"ANALYZE {string.Join(", ", AnalyzedTables)}", ct);
        // After ANALYZE, or the variants are planned for empty tables (minutes instead of seconds at 100,000
        // games). Every game: the sample games' add-ons may have gained synthetic neighbours too.
        load.Counts["game_variants"] = (await EffectiveVariants.RefreshAsync(connection, null, ct)).Total;
        await SyntheticSql.ExecuteAsync(connection, "ANALYZE game_variants", ct);
        await new SyntheticMarker(games, randomSeed).WriteAsync(connection, Stopwatch.GetElapsedTime(started), load.Counts, ct);
        await DataVersions.BumpAsync(connection, "synthetic seed", ct);
        await transaction.CommitAsync(ct);

        logger.LogInformation("Synthetic seed: loaded {Games} games and {Rows} rows in {Elapsed:F1} s ({Tables})",
            games, load.Counts.Values.Sum(), Stopwatch.GetElapsedTime(started).TotalSeconds,
            string.Join(", ", load.Counts.Select(c => $"{c.Key}={c.Value}")));
    }

    private async Task<bool> ShouldLoadAsync(NpgsqlConnection connection, int games, int randomSeed, CancellationToken ct)
    {
        var marker = await SyntheticMarker.ReadAsync(connection, ct);
        if (marker is not null)
        {
            if (marker.Games == games && marker.RandomSeed == randomSeed)
            {
                logger.LogInformation("Synthetic seed: {Games} games with seed {Seed} are already loaded; nothing to do", games, randomSeed);
                return false;
            }
            throw new SyntheticSeedConflictException(
                $"The database already holds a synthetic set of {marker.Games} games made with seed {marker.RandomSeed}, " +
                $"but {games} games with seed {randomSeed} were requested. The set cannot be changed in place; " +
                $"set Seed__Games={marker.Games} and Seed__RandomSeed={marker.RandomSeed}, or seed a fresh database.");
        }
        // No marker (say, run history was pruned): recognise the set by its ids and first slug.
        var present = await SyntheticCatalog.FindPresentAsync(connection, games, randomSeed, ct);
        if (present == SyntheticPresence.Same)
        {
            logger.LogWarning(
                "Synthetic seed: no load record, but the games table holds exactly the {Games} games of seed {Seed}; nothing to do",
                games, randomSeed);
            return false;
        }
        if (present == SyntheticPresence.Different)
        {
            throw new SyntheticSeedConflictException(
                "The games table holds synthetic games that do not match the request " +
                $"({games} games with seed {randomSeed}) and there is no record of the set that made them " +
                $"(no materialization_runs row with trigger 'seed' by '{SyntheticMarker.RequestedBy}'). Seed a fresh database.");
        }
        return true;
    }
}
