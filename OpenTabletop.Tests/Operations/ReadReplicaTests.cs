using System.Net;
using System.Text.Json;
using Npgsql;
using OpenTabletop.Tests.Api.Export;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Operations;

/// <summary>
/// The Api with a real streaming standby as its read replica. That the export, the trends and the
/// histories read there is shown by holding the standby's replay back while the primary changes: their
/// answers keep the standby's data while the primary's move on, and catch up once replay resumes. With
/// the standby stopped, the primary answers them: never an error, and /readyz stays 200.
/// </summary>
public sealed class ReadReplicaTests(StreamingReplicaFixture replication) : IClassFixture<StreamingReplicaFixture>
{
    private const string ReplicaSetting = "ConnectionStrings:opentabletop-replica";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every read the replica serves besides the export, each of which <see cref="Change"/> alters.</summary>
    private static readonly string[] Reads =
    [
        "/v1/statistics/trends/publications?year_min=1950&year_max=1959",
        "/v1/statistics/trends/mechanics?year_min=1950&year_max=1959",
        "/v1/statistics/trends/weight?year_min=1950&year_max=1959",
        "/v1/statistics/trends/player-count?year_min=1950&year_max=1959",
        "/v1/games/stat-alpha/history?metric=rank",
        "/v1/statistics/rankings/history?date=2030-01-01",
        "/v1/statistics/rankings/transitions",
    ];

    /// <summary>Written on the primary: alpha renamed, delta moved from 1952 to 1955, and a new snapshot on which alpha ranks first.</summary>
    private const string Change = """
        UPDATE games SET name = 'Stat Alpha Renamed' WHERE slug = 'stat-alpha';
        UPDATE games SET year_published = 1955 WHERE slug = 'stat-delta';
        INSERT INTO game_snapshots (game_id, snapshot_date, bayes_rating, rating_count, weight_votes, rank_overall)
        SELECT id, DATE '2025-06-01', 9.5, 99, 8, 1 FROM games WHERE slug = 'stat-alpha';
        """;

    private const string OneDecade = "year_min=1950&year_max=1959";

    [Fact]
    public async Task TheExportReadsTheReplicaAndHoldsEveryGame()
    {
        var database = await replication.CreateDatabaseAsync(Ct);
        await using var api = ApiFactory.Start(database.Primary, (ReplicaSetting, database.Replica));
        using var http = api.CreateClient();

        // Caught up, the replica's export is the primary's list, game for game and field for field.
        var (listed, _) = await http.ListAllAsync("");
        ExportReading.AssertSameGames(await http.ReadJsonLinesAsync(""), listed);
        ExportReading.AssertSameGames(await http.ReadCsvAsync(""), listed);

        await replication.PauseReplayAsync(Ct);
        try
        {
            await ExecuteAsync(database.Primary, Change);
            using var game = await http.GetJsonAsync("/v1/games/stat-alpha");
            var held = await http.ReadJsonLinesAsync(OneDecade);
            using var manifest = await http.GetJsonAsync($"/v1/export/manifest?{OneDecade}");

            // The game endpoint reads the primary; the export, the replica as replay left it.
            Assert.Equal("Stat Alpha Renamed", game.RootElement.GetProperty("name").GetString());
            Assert.Equal("Stat Alpha", Game(held, "stat-alpha").GetProperty("name").GetString());
            Assert.Equal(1952, Game(held, "stat-delta").GetProperty("year_published").GetInt32());
            Assert.Equal(held.Lines.Count, manifest.RootElement.GetProperty("row_count").GetInt32());
            Assert.Equal(held.Lines.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), ExportReading.Header(held.Headers, "X-Export-Row-Count"));
        }
        finally
        {
            await replication.ResumeReplayAsync(Ct);
        }

        await replication.WaitForReplayAsync(Ct);
        var caughtUp = await http.ReadJsonLinesAsync(OneDecade);
        Assert.Equal("Stat Alpha Renamed", Game(caughtUp, "stat-alpha").GetProperty("name").GetString());
        Assert.Equal(1955, Game(caughtUp, "stat-delta").GetProperty("year_published").GetInt32());

        using var readiness = await http.GetJsonAsync("/readyz");
        var entry = readiness.RootElement.GetProperty("checks").GetProperty("opentabletop-replica");
        Assert.Equal("ok", readiness.RootElement.GetProperty("status").GetString());
        Assert.Equal("healthy", entry.GetProperty("status").GetString());
        Assert.StartsWith("Standby", entry.GetProperty("description").GetString());
        // The replica's pool is told apart from the primary's in Npgsql's metrics.
        var metrics = await http.GetStringAsync("/metrics", Ct);
        Assert.Contains("db_client_connection_pool_name=\"opentabletop-replica\"", metrics);
    }

    [Fact]
    public async Task TrendsAndHistoriesReadTheReplica()
    {
        var database = await replication.CreateDatabaseAsync(Ct);
        await using var apis = ApiPair.Start(database);
        var (http, primary) = (apis.Replicated, apis.PrimaryOnly);
        var before = await BodiesAsync(http);
        Assert.Equal(await BodiesAsync(primary), before);

        await replication.PauseReplayAsync(Ct);
        try
        {
            await ExecuteAsync(database.Primary, Change);
            var held = await BodiesAsync(http);
            var changed = await BodiesAsync(primary);

            Assert.Equal(before, held);
            Assert.All(Reads.Zip(before, changed), read => Assert.True(read.Second != read.Third, $"{read.First} did not change on the primary"));
        }
        finally
        {
            await replication.ResumeReplayAsync(Ct);
        }

        await replication.WaitForReplayAsync(Ct);
        Assert.Equal(await BodiesAsync(primary), await BodiesAsync(http));
    }

    [Fact]
    public async Task WithTheStandbyStoppedThePrimaryAnswersEveryReadAndReadinessHolds()
    {
        var database = await replication.CreateDatabaseAsync(Ct);
        await using var apis = ApiPair.Start(database);
        var (http, primary) = (apis.Replicated, apis.PrimaryOnly);
        // The replica's pool now holds connections, which the stop leaves dead: the worst case for the next read.
        await http.ReadJsonLinesAsync(OneDecade);
        await BodiesAsync(http);

        await replication.StopStandbyAsync(Ct);
        try
        {
            // Only the primary has this, so an answer that shows it came from the primary.
            await ExecuteAsync(database.Primary, Change);

            var export = await http.ReadJsonLinesAsync("");
            var csv = await http.ReadCsvAsync("");
            using var manifest = await http.GetJsonAsync("/v1/export/manifest");
            var (listed, _) = await http.ListAllAsync("");
            ExportReading.AssertSameGames(export, listed);
            ExportReading.AssertSameGames(csv, listed);
            Assert.Equal(listed.Count, manifest.RootElement.GetProperty("row_count").GetInt32());
            Assert.Equal("Stat Alpha Renamed", Game(export, "stat-alpha").GetProperty("name").GetString());
            Assert.Equal(await BodiesAsync(primary), await BodiesAsync(http));

            using var readiness = await http.GetAsync("/readyz", Ct);
            using var health = JsonDocument.Parse(await readiness.Content.ReadAsStringAsync(Ct));
            var checks = health.RootElement.GetProperty("checks");
            Assert.Equal(HttpStatusCode.OK, readiness.StatusCode);
            Assert.Equal("degraded", health.RootElement.GetProperty("status").GetString());
            Assert.Equal("degraded", checks.GetProperty("opentabletop-replica").GetProperty("status").GetString());
            Assert.Equal("healthy", checks.GetProperty("database").GetProperty("status").GetString());

            var metrics = await http.GetStringAsync("/metrics", Ct);
            Assert.Contains(metrics.Split('\n'), line => line.StartsWith("opentabletop_read_replica_fallbacks_total{", StringComparison.Ordinal)
                && line.Contains("reason=\"unreachable\"", StringComparison.Ordinal));
        }
        finally
        {
            await replication.StartStandbyAsync(Ct);
        }
    }

    /// <summary>Over one database, an Api that reads from the replica and one with the primary only, for what the primary answers.</summary>
    private sealed class ApiPair(ApiFactory replicated, ApiFactory primaryOnly) : IAsyncDisposable
    {
        public HttpClient Replicated { get; } = replicated.CreateClient();

        public HttpClient PrimaryOnly { get; } = primaryOnly.CreateClient();

        public static ApiPair Start(ReplicatedDatabase database) =>
            new(ApiFactory.Start(database.Primary, (ReplicaSetting, database.Replica)), ApiFactory.Start(database.Primary));

        public async ValueTask DisposeAsync()
        {
            Replicated.Dispose();
            PrimaryOnly.Dispose();
            await replicated.DisposeAsync();
            await primaryOnly.DisposeAsync();
        }
    }

    /// <summary>The body of each of <see cref="Reads"/>, each required to be a 200.</summary>
    private static async Task<List<string>> BodiesAsync(HttpClient http)
    {
        var bodies = new List<string>();
        foreach (var path in Reads)
        {
            using var body = await http.GetJsonAsync(path);
            bodies.Add(body.RootElement.GetRawText());
        }
        return bodies;
    }

    private static JsonElement Game(JsonLinesExport export, string slug) =>
        export.Lines.Select(line => JsonDocument.Parse(line).RootElement).Single(game => game.GetProperty("slug").GetString() == slug);

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
