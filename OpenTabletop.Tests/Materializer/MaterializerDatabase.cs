using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OpenTabletop.Materializer;
using OpenTabletop.Materializer.Pipeline;
using OpenTabletop.Materializer.Runs;
using OpenTabletop.Materializer.Verify;
using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.MigrationService;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Materializer;

/// <summary>
/// A database of its own for one Materializer test, with the pipeline wired to it: a copy of a
/// synthetic catalogue of <see cref="SyntheticGames"/> games (seeded once per server, then copied
/// file by file for each test), the spec's sample, or the bare schema.
/// </summary>
internal sealed class MaterializerDatabase : IAsyncDisposable
{
    public const int SyntheticGames = 1_500;
    public const int SyntheticSeed = 7;

    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Templates = new();

    private MaterializerDatabase(string connectionString)
    {
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string ConnectionString { get; }
    public NpgsqlDataSource DataSource { get; }

    public static Task<MaterializerDatabase> SyntheticAsync(PostgresFixture postgres, CancellationToken ct) =>
        CopyAsync(postgres, "synthetic", () => CreateSyntheticTemplateAsync(postgres), ct);

    public static Task<MaterializerDatabase> SampleAsync(PostgresFixture postgres, CancellationToken ct) =>
        CopyAsync(postgres, "sample", () => TestDatabases.CreateMigratedAsync(postgres, SeedMode.Sample, CancellationToken.None), ct);

    /// <summary>A copy of the named template, which the first caller creates (with no caller's token: it outlives that test).</summary>
    private static async Task<MaterializerDatabase> CopyAsync(PostgresFixture postgres, string kind, Func<Task<string>> create, CancellationToken ct)
    {
        var template = await Templates.GetOrAdd($"{postgres.ServerConnectionString}|{kind}", _ => new Lazy<Task<string>>(async () =>
        {
            var connectionString = await create();
            // A template may have no open connection when it is copied.
            NpgsqlConnection.ClearAllPools();
            return new NpgsqlConnectionStringBuilder(connectionString).Database!;
        })).Value;
        return new MaterializerDatabase(await postgres.CreateDatabaseAsync(ct, template));
    }

    public static async Task<MaterializerDatabase> SchemaOnlyAsync(PostgresFixture postgres, CancellationToken ct) =>
        new(await TestDatabases.CreateMigratedAsync(postgres, SeedMode.None, ct));

    private static async Task<string> CreateSyntheticTemplateAsync(PostgresFixture postgres)
    {
        var connectionString = await SyntheticSeededDatabase.PrepareAsync(postgres, CancellationToken.None);
        await SyntheticSeededDatabase.SeedAsync(connectionString, SyntheticGames, SyntheticSeed, CancellationToken.None);
        return connectionString;
    }

    public static MaterializerSettings Settings(MaterializerSettings? settings = null) => settings ?? new MaterializerSettings();

    public RunCoordinator Coordinator(MaterializerSettings? settings = null, TimeProvider? time = null) =>
        new(DataSource, Pipeline(settings, time), new RunRecorder(DataSource), NullLogger<RunCoordinator>.Instance);

    public MaterializationPipeline Pipeline(MaterializerSettings? settings = null, TimeProvider? time = null) =>
        new(Settings(settings), time ?? TimeProvider.System);

    public DriftCheck Drift(MaterializerSettings? settings = null) => new(DataSource, Pipeline(settings));

    /// <summary>One run now, as <c>--once</c> does it.</summary>
    public Task<RunOutcome> RunAsync(CancellationToken ct, MaterializerSettings? settings = null, TimeProvider? time = null,
        Func<StepResult, CancellationToken, Task>? afterStep = null) =>
        Coordinator(settings, time).RunNowAsync(RunTrigger.Once, "test", ct, afterStep);

    public async Task<long> ExecuteAsync(string sql, CancellationToken ct, params object?[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<T> ScalarAsync<T>(string sql, CancellationToken ct, params object?[] parameters)
    {
        await using var command = Command(sql, parameters);
        var value = await command.ExecuteScalarAsync(ct);
        return value is DBNull ? default! : (T)value!;
    }

    public async Task<List<T>> ListAsync<T>(string sql, CancellationToken ct, params object?[] parameters)
    {
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var values = new List<T>();
        while (await reader.ReadAsync(ct)) values.Add(reader.IsDBNull(0) ? default! : reader.GetFieldValue<T>(0));
        return values;
    }

    /// <summary>
    /// Every base table but the run log: row count and an md5 of its rows with their <c>xmin</c>, so
    /// that a row rewritten with identical values shows as a change too.
    /// </summary>
    public async Task<SortedDictionary<string, string>> TablesAsync(CancellationToken ct)
    {
        var tables = await ListAsync<string>(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' " +
            "AND table_name NOT IN ('materialization_runs') ORDER BY 1", ct);
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            snapshot[table] = await ScalarAsync<string>(
                $"SELECT count(*)::text || ' rows, ' || coalesce(md5(string_agg(t.xmin::text || ':' || t::text, '|' ORDER BY t::text)), '-') FROM \"{table}\" t",
                ct);
        }
        return snapshot;
    }

    /// <summary>The aggregate columns of every game (and updated_at) as text, one line per game.</summary>
    public Task<List<string>> AggregatesAsync(CancellationToken ct) => ListAsync<string>(
        "SELECT concat_ws('|', id, average_rating, rating_count, rating_stddev, rating_distribution, rating_confidence, bayes_rating, " +
        "rank_overall, rank_by_category, weight, weight_votes, community_playtime_min_minutes, community_playtime_median_minutes, " +
        "community_playtime_max_minutes, total_plays, owner_count, wishlist_count, top_player_counts, recommended_player_counts, updated_at) " +
        "FROM games ORDER BY id", ct);

    /// <summary>A new base game with no raw data; returns its id.</summary>
    public async Task<Guid> InsertGameAsync(string slug, CancellationToken ct, string type = "base_game")
    {
        var id = Guid.CreateVersion7();
        await ExecuteAsync("INSERT INTO games (id, slug, name, type, min_players, max_players) VALUES ($1, $2, $2, $3, 1, 4)", ct, id, slug, type);
        return id;
    }

    public Task<long> AddRatingAsync(Guid game, decimal rating, CancellationToken ct, short? scale = null) => ExecuteAsync(
        "INSERT INTO rating_votes (id, game_id, rating, declared_scale) VALUES ($1, $2, $3, $4)", ct, Guid.CreateVersion7(), game, rating, scale);

    public Task<long> AddPlayAsync(Guid game, int minutes, CancellationToken ct, string? level = null, bool campaign = false, DateOnly? playedAt = null) => ExecuteAsync(
        "INSERT INTO play_logs (id, game_id, duration_minutes, experience_level, is_campaign, played_at) VALUES ($1, $2, $3, $4, $5, $6)",
        ct, Guid.CreateVersion7(), game, minutes, level, campaign, playedAt);

    private NpgsqlCommand Command(string sql, object?[] parameters)
    {
        var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        return command;
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}

/// <summary>A clock that says what the test says.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}
