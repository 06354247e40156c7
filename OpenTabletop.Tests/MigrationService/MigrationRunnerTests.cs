using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTabletop.Data;
using OpenTabletop.MigrationService;
using OpenTabletop.MigrationService.Migrating;
using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.MigrationService.Seeding.Synthetic;
using OpenTabletop.Tests.Fixtures;

namespace OpenTabletop.Tests.MigrationService;

public sealed class MigrationRunnerTests(PostgresFixture postgres)
{
    private static readonly IReadOnlyList<MigrationScript> Embedded = MigrationScript.LoadEmbedded(typeof(MigrationRunner).Assembly);

    [Fact]
    public async Task FreshDatabaseGetsEveryMigrationAppliedInOrderWithItsHistory()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync(ct));

        var report = await Runner(dataSource).ApplyAsync(ct);

        Assert.Equal(Embedded.Select(s => s.Version), report.Applied.Select(a => a.Version));
        var history = await ReadHistoryAsync(dataSource, ct);
        Assert.Equal(Embedded.Select(s => (s.Version, s.Name, s.Checksum)), history.Select(h => (h.Version, h.Name, h.Checksum)));
        Assert.All(history, h => Assert.True(h.DurationMs >= 0));
        Assert.All(history, h => Assert.True(h.AppliedAt > DateTime.UtcNow.AddMinutes(-5)));
        Assert.Equal(1, await ScalarAsync<int>(dataSource, "SELECT count(*)::int FROM pg_extension WHERE extname = 'pg_trgm'", ct));
    }

    [Fact]
    public async Task RerunAppliesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync(ct));
        await Runner(dataSource).ApplyAsync(ct);
        var before = await ReadHistoryAsync(dataSource, ct);

        var second = await Runner(dataSource).ApplyAsync(ct);

        Assert.Empty(second.Applied);
        Assert.Equal(Embedded.Count, second.AlreadyApplied);
        Assert.Equal(before, await ReadHistoryAsync(dataSource, ct));
    }

    [Fact]
    public async Task EditedAppliedFileIsRefusedWithExitCodeOne()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await postgres.CreateDatabaseAsync(ct);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await Runner(dataSource).ApplyAsync(ct);
        var edited = Embedded.Select(s => s.Version == 3 ? MigrationScript.Create($"{s.Version:D4}_{s.Name}.sql", s.Sql + "\n-- edited afterwards\n") : s).ToList();

        var refused = await Assert.ThrowsAsync<MigrationChecksumException>(() => Runner(dataSource, edited).ApplyAsync(ct));
        Assert.Equal(["0003_games.sql"], refused.Files);
        Assert.Contains("new numbered migration", refused.Message);

        var worker = Worker(dataSource, connectionString, Runner(dataSource, edited));
        Assert.Equal(1, await worker.RunAsync(ct));
    }

    [Fact]
    public async Task TwoConcurrentRunsBothSucceedAndApplyEachMigrationOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        // The database does not exist yet: both runs also race to create it.
        var connectionString = new NpgsqlConnectionStringBuilder(postgres.ServerConnectionString)
        {
            Database = $"concurrent_{Guid.NewGuid():N}",
        }.ConnectionString;
        await using var first = NpgsqlDataSource.Create(connectionString);
        await using var second = NpgsqlDataSource.Create(connectionString);

        var log = new ListLogger<MigrationWorker>();
        var results = await Task.WhenAll(
            Worker(first, connectionString, Runner(first), log).RunAsync(ct),
            Worker(second, connectionString, Runner(second), log).RunAsync(ct));

        Assert.True(results.SequenceEqual([0, 0]), string.Join(Environment.NewLine, log.Messages));
        var history = await ReadHistoryAsync(first, ct);
        Assert.Equal(Embedded.Select(s => s.Version), history.Select(h => h.Version));
    }

    [Fact]
    public void ExpectedSchemaVersionIsTheHighestMigrationFile()
    {
        Assert.Equal(SchemaVersion.Expected, Embedded[^1].Version);
        Assert.Equal(Enumerable.Range(1, Embedded.Count), Embedded.Select(s => s.Version));
    }

    [Theory]
    [InlineData("0001_extensions.sql", 1, "extensions")]
    [InlineData("0042_add_game_index.sql", 42, "add_game_index")]
    public void FileNamesGiveVersionAndName(string file, int version, string name)
    {
        var script = MigrationScript.Create(file, "SELECT 1;");
        Assert.Equal((version, name), (script.Version, script.Name));
        Assert.Equal(64, script.Checksum.Length);
    }

    [Theory]
    [InlineData("1_extensions.sql")]
    [InlineData("0001-extensions.sql")]
    [InlineData("0001_Extensions.SQL")]
    public void BadlyNamedFilesAreRejected(string file) =>
        Assert.Throws<InvalidOperationException>(() => MigrationScript.Create(file, "SELECT 1;"));

    [Fact]
    public void ChecksumIgnoresLineEndings() =>
        Assert.Equal(MigrationScript.Create("0001_a.sql", "SELECT 1;\nSELECT 2;").Checksum,
                     MigrationScript.Create("0001_a.sql", "SELECT 1;\r\nSELECT 2;").Checksum);

    private static MigrationRunner Runner(NpgsqlDataSource dataSource, IReadOnlyList<MigrationScript>? scripts = null) =>
        new(dataSource, NullLogger<MigrationRunner>.Instance) { Scripts = scripts ?? Embedded };

    private static MigrationWorker Worker(NpgsqlDataSource dataSource, string connectionString, MigrationRunner runner, ListLogger<MigrationWorker>? log = null)
    {
        var seeds = new SeedRunner(
            Options.Create(new SeedOptions { Mode = SeedMode.None }),
            new TaxonomySeeder(dataSource, NullLogger<TaxonomySeeder>.Instance),
            new SampleSeeder(dataSource, NullLogger<SampleSeeder>.Instance),
            new SyntheticSeeder(dataSource, NullLogger<SyntheticSeeder>.Instance),
            NullLogger<SeedRunner>.Instance);
        return new MigrationWorker(dataSource, new DatabaseConnection(connectionString), runner, seeds, new TestEnvironment(), (Microsoft.Extensions.Logging.ILogger<MigrationWorker>?)log ?? NullLogger<MigrationWorker>.Instance);
    }

    private sealed record HistoryRow(int Version, string Name, string Checksum, DateTime AppliedAt, long DurationMs);

    private static async Task<List<HistoryRow>> ReadHistoryAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var rows = new List<HistoryRow>();
        await using var command = dataSource.CreateCommand("SELECT version, name, checksum, applied_at, duration_ms FROM schema_migrations ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new HistoryRow(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetDateTime(3), reader.GetInt64(4)));
        }
        return rows;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "OpenTabletop.MigrationService";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
