using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTabletop.MigrationService.Seeding.Synthetic;
using OpenTabletop.Tests.Fixtures;

namespace OpenTabletop.Tests.MigrationService;

/// <summary>
/// The full-size load, run by hand only (explicit, so the default test run skips it), e.g.
/// <c>dotnet build OpenTabletop.Tests -c Release &amp;&amp; OTT_TEST_POSTGRES=... OpenTabletop.Tests/bin/Release/net10.0/OpenTabletop.Tests -explicit only -trait "Category=Benchmark"</c>.
/// The report also lands in bench/results/synthetic-seed.txt.
/// Loads 100,000 games into a fresh database, reports wall time and rows per table, and drops
/// the database afterwards (the fixture does).
/// </summary>
[Collection(SyntheticDatabaseCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed class SyntheticSeederBenchmark(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Games = 100_000;
    private const int Seed = 20_260_318;

    [Fact(Explicit = true)]
    public async Task OneHundredThousandGamesLoadInUnderTwoMinutes()
    {
        var ct = TestContext.Current.CancellationToken;
        // A vocabulary the size of the spec's taxonomy (121 mechanics, 32 categories, 43 themes), roughly.
        var connectionString = await SyntheticSeededDatabase.PrepareAsync(postgres, ct, taxonomyFillers: 40);
        var log = new StringBuilder();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var seeder = new SyntheticSeeder(dataSource, new CollectingLogger<SyntheticSeeder>(log));

        var watch = Stopwatch.StartNew();
        await seeder.SeedAsync(Games, Seed, ct);
        watch.Stop();

        var report = new StringBuilder()
            .AppendLine(FormattableString.Invariant($"synthetic seed: {Games} games, seed {Seed}, wall time {watch.Elapsed.TotalSeconds:F1} s"))
            .Append(log);
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            foreach (var table in new[] { "games", "people", "publishers", "game_mechanics", "game_categories", "game_themes",
                "game_credits", "game_publishers", "game_relationships", "property_modifications", "expansion_combinations",
                "player_count_ratings", "experience_playtime", "experience_playtime_profiles", "rating_votes", "weight_votes", "play_logs" })
            {
                await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
                report.AppendLine(FormattableString.Invariant($"{table,-30} {(long)(await command.ExecuteScalarAsync(ct))!,12:N0}"));
            }
        }
        output.WriteLine(report.ToString());
        WriteReport(report.ToString());

        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(2), $"the load took {watch.Elapsed}");
    }

    /// <summary>bench/results/ is git-ignored; the report lands there for whoever runs the benchmark.</summary>
    private static void WriteReport(string report)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpenTabletop.sln")))
        {
            directory = directory.Parent;
        }
        if (directory is null)
        {
            return;
        }
        var results = Directory.CreateDirectory(Path.Combine(directory.FullName, "bench", "results"));
        File.WriteAllText(Path.Combine(results.FullName, "synthetic-seed.txt"), report);
    }

    private sealed class CollectingLogger<T>(StringBuilder sink) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (sink)
            {
                sink.AppendLine(formatter(state, exception));
            }
        }
    }
}
