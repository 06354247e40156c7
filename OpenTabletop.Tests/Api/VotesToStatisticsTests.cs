using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTabletop.Api.Http.ApiKeys;
using OpenTabletop.Materializer;
using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

/// <summary>
/// The statistics loop end to end, as a client and an operator drive it over HTTP: votes and plays
/// in, one on-demand Materializer run (the real worker, woken by the request), and the new
/// aggregates in the game, its history and the export.
/// </summary>
public sealed class VotesToStatisticsTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Game = "terraforming-mars";
    private string _connectionString = "";
    private ApiFactory _api = null!;
    private HttpClient _http = null!;
    private IHost _worker = null!;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _connectionString = await TestDatabases.CreateMigratedAsync(postgres, SeedMode.Sample, ct);
        _api = ApiFactory.Start(_connectionString);
        _http = _api.CreateClient();

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:opentabletop"] = _connectionString,
            [MaterializerSettings.ScheduleVariable] = "off",
            ["LOG_LEVEL"] = "warning",
        });
        builder.AddMaterializer(worker: true);
        _worker = builder.Build();
        await _worker.StartAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync(CancellationToken.None);
        _worker.Dispose();
        _http.Dispose();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task VotesChangeTheAggregatesAfterOneRequestedRunAndTheHistoryAndExportShowThem()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = _api.Services.GetRequiredService<ApiKeyStore>();
        var voter = (await store.CreateAsync("voter", [ApiClient.WriteScope], null, null, ct)).Plaintext;
        var admin = (await store.CreateAsync("operator", [ApiClient.AdminScope], null, null, ct)).Plaintext;
        var before = await RatingCountAsync(ct);

        foreach (var rating in new[] { 1, 2, 10, 9, 3 })
        {
            using var vote = await SendAsync(HttpMethod.Post, $"/v1/games/{Game}/ratings", voter, $$"""{"rating": {{rating}}}""");
            Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
        }
        // A vote on a five-point scale counts as r × 2 on the ten-point one.
        using (var scaled = await SendAsync(HttpMethod.Post, $"/v1/games/{Game}/ratings", voter, """{"rating": 4, "declared_scale": 5}"""))
        {
            Assert.Equal(HttpStatusCode.Created, scaled.StatusCode);
        }
        using (var weight = await SendAsync(HttpMethod.Post, $"/v1/games/{Game}/weight", voter, """{"weight": 4.875}"""))
        {
            Assert.Equal(HttpStatusCode.Created, weight.StatusCode);
        }
        // Nothing changes until a run.
        Assert.Equal(before, await RatingCountAsync(ct));

        // The operator asks for a run: 202 and where to watch it; the worker picks it up.
        using var requested = await SendAsync(HttpMethod.Post, "/v1/admin/materialize", admin);
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var location = requested.Headers.Location!.ToString();
        Assert.StartsWith("/v1/admin/materialize/runs/", location);
        var run = await Deadline.PollAsync(
            async () =>
            {
                using var response = await SendAsync(HttpMethod.Get, location, admin);
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            },
            r => r.RootElement.GetProperty("status").GetString() is "succeeded" or "failed", TimeSpan.FromSeconds(120), ct);
        Assert.Equal("succeeded", run.RootElement.GetProperty("status").GetString());
        var steps = run.RootElement.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()).ToList();
        Assert.Contains("aggregates", steps);
        Assert.Contains("snapshots", steps);
        Assert.True(run.RootElement.GetProperty("duration_ms").GetInt64() >= 0);

        // The game: six more ratings, and the average the raw votes give (normalised to 1-10).
        var expected = await ScalarAsync<decimal>(
            "SELECT round(avg(rating * 10.0 / coalesce(declared_scale, 10)), 3) FROM rating_votes v JOIN games g ON g.id = v.game_id WHERE g.slug = $1", ct, Game);
        using var game = await _http.GetJsonAsync($"/v1/games/{Game}");
        Assert.Equal(before + 6, game.RootElement.GetProperty("rating_count").GetInt32());
        Assert.Equal(expected, game.RootElement.GetProperty("average_rating").GetDecimal());

        // Its history: this month's snapshot holds the new values.
        using var history = await _http.GetJsonAsync($"/v1/games/{Game}/history?metric=rating");
        var latest = history.RootElement.GetProperty("data").EnumerateArray().Last();
        Assert.Equal(before + 6, latest.GetProperty("rating_count").GetInt32());
        Assert.Equal(new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1).ToString("yyyy-MM-dd"), latest.GetProperty("date").GetString());

        // The export: the same game line carries them too.
        var export = await _http.GetStringAsync("/v1/export/games?format=jsonl", ct);
        var line = export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => JsonDocument.Parse(l)).Single(d => d.RootElement.GetProperty("slug").GetString() == Game);
        Assert.Equal(before + 6, line.RootElement.GetProperty("rating_count").GetInt32());
        Assert.Equal(expected, line.RootElement.GetProperty("average_rating").GetDecimal());
    }

    [Fact]
    public async Task TheAdminEndpointsNeedAnAdminKey()
    {
        var ct = TestContext.Current.CancellationToken;
        var writer = (await _api.Services.GetRequiredService<ApiKeyStore>().CreateAsync("w", [ApiClient.WriteScope], null, null, ct)).Plaintext;

        using var anonymous = await _http.PostAsync("/v1/admin/materialize", null, ct);
        await ApiKeyTests.AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized, "unauthorized", "admin scope");
        using var forbidden = await SendAsync(HttpMethod.Get, "/v1/admin/materialize/runs", writer);
        await ApiKeyTests.AssertProblemAsync(forbidden, HttpStatusCode.Forbidden, "forbidden", "admin scope");
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM materialization_runs WHERE trigger = 'request'", ct));
    }

    private Task<int> RatingCountAsync(CancellationToken ct) => ScalarAsync<int>("SELECT rating_count FROM games WHERE slug = $1", ct, Game);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-API-Key", key);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return await _http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<T> ScalarAsync<T>(string sql, CancellationToken ct, params object[] values)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync(ct))!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
