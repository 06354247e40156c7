using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTabletop.Api.Http.ApiKeys;
using OpenTabletop.Api.Maintenance;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

/// <summary>Read-only maintenance: reads go on, writes answer 503 with Retry-After and write nothing, on every replica.</summary>
public sealed class MaintenanceModeTests(PostgresFixture postgres) : SampleApiTests(postgres)
{
    [Fact]
    public async Task TheAdminSwitchRefusesWritesWithRetryAfterWhileReadsGoOn()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await CreateKeyAsync(["admin"]);
        var voter = await CreateKeyAsync(["write"]);

        using (var on = await SendAsync(Http, HttpMethod.Put, "/v1/admin/maintenance", admin,
                   """{"mode": "read-only", "reason": "database upgrade", "retry_after_seconds": 120}"""))
        {
            Assert.Equal(HttpStatusCode.OK, on.StatusCode);
            using var status = JsonDocument.Parse(await on.Content.ReadAsStringAsync(ct));
            Assert.Equal("read-only", status.RootElement.GetProperty("mode").GetString());
            Assert.Equal("admin", status.RootElement.GetProperty("source").GetString());
            Assert.Equal("database upgrade", status.RootElement.GetProperty("reason").GetString());
            Assert.Equal(120, status.RootElement.GetProperty("retry_after_seconds").GetInt32());
        }

        using (var refused = await SendAsync(Http, HttpMethod.Post, "/v1/games/spirit-island/ratings", voter, """{"rating": 8}"""))
        {
            Assert.Equal(TimeSpan.FromSeconds(120), refused.Headers.RetryAfter?.Delta);
            await ApiKeyTests.AssertProblemAsync(refused, HttpStatusCode.ServiceUnavailable, "unavailable", "database upgrade");
        }
        using (var plays = await SendAsync(Http, HttpMethod.Post, "/v1/games/spirit-island/plays", voter, """{"duration_minutes": 90}"""))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, plays.StatusCode);
        }
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM rating_votes WHERE api_key_id = $1", voter.Key.Id, ct));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM play_logs WHERE api_key_id = $1", voter.Key.Id, ct));

        using (var read = await Http.GetAsync("/v1/games/spirit-island", ct))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }
        using (var list = await Http.GetAsync("/v1/games?players=2", ct))
        {
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        }

        using (var off = await SendAsync(Http, HttpMethod.Put, "/v1/admin/maintenance", admin, """{"mode": "off"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        }
        using (var accepted = await SendAsync(Http, HttpMethod.Post, "/v1/games/spirit-island/ratings", voter, """{"rating": 8}"""))
        {
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        }
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM rating_votes WHERE api_key_id = $1", voter.Key.Id, ct));
    }

    [Fact]
    public async Task AnotherReplicaFollowsTheSwitchWithinItsRefresh()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await CreateKeyAsync(["admin"]);
        var voter = await CreateKeyAsync(["write"]);
        await using var replica = ApiFactory.Start(ConnectionString);
        using var replicaHttp = replica.CreateClient();

        // The replica reads the switch (off) now, so it holds a cached value that the toggle must replace.
        using (var before = await SendAsync(replicaHttp, HttpMethod.Post, "/v1/games/spirit-island/weight", voter, """{"weight": 3.5}"""))
        {
            Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        }
        using (var on = await SendAsync(Http, HttpMethod.Put, "/v1/admin/maintenance", admin, """{"mode": "read-only"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        }

        var status = await Deadline.PollAsync(async () =>
        {
            using var response = await SendAsync(replicaHttp, HttpMethod.Get, "/v1/admin/maintenance", admin);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            return body.RootElement.GetProperty("mode").GetString();
        }, mode => mode == MaintenanceStatus.ReadOnly, MaintenanceState.Refresh + TimeSpan.FromSeconds(5), ct);
        Assert.Equal(MaintenanceStatus.ReadOnly, status);

        using var refused = await SendAsync(replicaHttp, HttpMethod.Post, "/v1/games/spirit-island/weight", voter, """{"weight": 3.5}""");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(MaintenanceSettings.DefaultRetryAfterSeconds), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM weight_votes WHERE api_key_id = $1", voter.Key.Id, ct));
    }

    [Fact]
    public async Task TheEnvironmentForcesReadOnlyAndTheSwitchCannotLiftIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var forced = ApiFactory.Start(ConnectionString,
            (MaintenanceSettings.ModeVariable, "read-only"), (MaintenanceSettings.RetryVariable, "45"));
        using var http = forced.CreateClient();
        var store = forced.Services.GetRequiredService<ApiKeyStore>();
        var admin = await store.CreateAsync("tests", ["admin"], null, null, ct);

        using (var refused = await SendAsync(http, HttpMethod.Post, "/v1/games/spirit-island/ratings", admin, """{"rating": 6}"""))
        {
            Assert.Equal(TimeSpan.FromSeconds(45), refused.Headers.RetryAfter?.Delta);
            await ApiKeyTests.AssertProblemAsync(refused, HttpStatusCode.ServiceUnavailable, "unavailable", "read-only maintenance");
        }
        using (var status = await SendAsync(http, HttpMethod.Get, "/v1/admin/maintenance", admin))
        {
            using var body = JsonDocument.Parse(await status.Content.ReadAsStringAsync(ct));
            Assert.Equal("read-only", body.RootElement.GetProperty("mode").GetString());
            Assert.Equal("environment", body.RootElement.GetProperty("source").GetString());
        }
        using (var lift = await SendAsync(http, HttpMethod.Put, "/v1/admin/maintenance", admin, """{"mode": "off"}"""))
        {
            await ApiKeyTests.AssertProblemAsync(lift, HttpStatusCode.Conflict, "conflict", MaintenanceSettings.ModeVariable);
        }
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM rating_votes WHERE api_key_id = $1", admin.Key.Id, ct));
    }

    [Fact]
    public async Task TheSwitchNeedsAnAdminKeyAndValidValues()
    {
        var ct = TestContext.Current.CancellationToken;
        var voter = await CreateKeyAsync(["write"]);
        var admin = await CreateKeyAsync(["admin"]);

        using (var anonymous = await Http.PutAsync("/v1/admin/maintenance",
                   new StringContent("""{"mode": "read-only"}""", Encoding.UTF8, "application/json"), ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
        using (var notAdmin = await SendAsync(Http, HttpMethod.Put, "/v1/admin/maintenance", voter, """{"mode": "read-only"}"""))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        }
        using (var bad = await SendAsync(Http, HttpMethod.Put, "/v1/admin/maintenance", admin,
                   $$"""{"mode": "closed", "reason": "{{new string('x', MaintenanceApi.MaxReason + 1)}}", "retry_after_seconds": 0}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            using var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync(ct));
            var fields = problem.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).Order().ToArray();
            Assert.Equal(["mode", "reason", "retry_after_seconds"], fields);
        }
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM maintenance_mode", null, ct));
    }

    private async Task<CreatedApiKey> CreateKeyAsync(string[] scopes) =>
        await Api.Services.GetRequiredService<ApiKeyStore>().CreateAsync("tests", scopes, null, null, TestContext.Current.CancellationToken);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, CreatedApiKey key, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-API-Key", key.Plaintext);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<long> CountAsync(string sql, Guid? keyId, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        if (keyId is { } id) command.Parameters.Add(new NpgsqlParameter { Value = id });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
