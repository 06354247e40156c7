using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTabletop.Api.Http.ApiKeys;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

/// <summary>API keys: stored only as an HMAC, verified on every request that sends one, scopes that nest, and the operator's commands.</summary>
public sealed class ApiKeyTests(PostgresFixture postgres) : SampleApiTests(postgres)
{
    [Fact]
    public async Task WithoutAKeyReadsAreAnonymousAndWritesAre401()
    {
        using var read = await Http.GetAsync("/v1/games/spirit-island", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        // Refused before the body is read: even a body that could never bind gets the 401.
        using var write = await Http.PostAsync("/v1/games/spirit-island/ratings",
            new StringContent("{not json", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        await AssertProblemAsync(write, HttpStatusCode.Unauthorized, "unauthorized", "write scope");
        Assert.Contains("X-API-Key", write.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task AKeyWithoutTheScopeIs403AndScopesNest()
    {
        var ct = TestContext.Current.CancellationToken;
        var reader = await CreateKeyAsync(["read"]);
        var admin = await CreateKeyAsync(["admin"]);

        using var refused = await PostRatingAsync(reader.Plaintext, """{"rating": 8}""");
        await AssertProblemAsync(refused, HttpStatusCode.Forbidden, "forbidden", "write scope");

        // admin includes write (and write includes read).
        using var accepted = await PostRatingAsync(admin.Plaintext, """{"rating": 8}""");
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        using var read = await SendAsync(HttpMethod.Get, "/v1/games/spirit-island", admin.Plaintext);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(1, await ScalarAsync("SELECT count(*)::int FROM rating_votes WHERE api_key_id = $1", ct, admin.Key.Id));
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("revoked")]
    [InlineData("expired")]
    [InlineData("pending")]
    public async Task AnInvalidKeyIsRefusedWith401WhateverTheEndpointAndSaysWhy(string state)
    {
        var ct = TestContext.Current.CancellationToken;
        var store = Api.Services.GetRequiredService<ApiKeyStore>();
        var plaintext = state switch
        {
            "unknown" => ApiKeyStore.Prefix + "nobody-ever-issued-this-key-0000000000000",
            "revoked" => await RevokedAsync(store),
            "expired" => (await store.CreateAsync("t", ["read"], DateTime.UtcNow.AddDays(-2), DateTime.UtcNow.AddDays(-1), ct)).Plaintext,
            _ => (await store.CreateAsync("t", ["read"], DateTime.UtcNow.AddDays(1), null, ct)).Plaintext,
        };

        using var response = await SendAsync(HttpMethod.Get, "/v1/games/spirit-island", plaintext);

        var because = state switch { "unknown" => "not known", "revoked" => "revoked", "expired" => "expired", _ => "not valid yet" };
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized", because);
    }

    [Fact]
    public async Task OnlyTheHmacOfAKeyIsStored()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = await CreateKeyAsync(["write"]);

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT key_hash, key_prefix, row_to_json(k)::text FROM api_keys k WHERE id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = created.Key.Id });
        await using var reader = await command.ExecuteReaderAsync(ct);
        Assert.True(await reader.ReadAsync(ct));
        Assert.Equal(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ApiFactory.TestSalt), Encoding.UTF8.GetBytes(created.Plaintext)), reader.GetFieldValue<byte[]>(0));
        Assert.Equal(created.Plaintext[..12], reader.GetString(1));
        Assert.DoesNotContain(created.Plaintext[12..], reader.GetString(2));
    }

    [Fact]
    public async Task RotationIssuesANewKeyAndLeavesTheOldOneAnOverlap()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = Api.Services.GetRequiredService<ApiKeyStore>();
        var old = await CreateKeyAsync(["write"]);

        var rotated = await store.RotateAsync(old.Key.Id, TimeSpan.FromDays(7), ct);

        Assert.NotNull(rotated);
        Assert.Equal(old.Key.Id, rotated.Key.RotatedFrom);
        Assert.Equal(old.Key.Scopes, rotated.Key.Scopes);
        var oldNow = (await store.GetAsync(old.Key.Id, ct))!;
        Assert.InRange(oldNow.NotAfter!.Value, DateTime.UtcNow.AddDays(7).AddMinutes(-5), DateTime.UtcNow.AddDays(7).AddMinutes(5));
        foreach (var key in new[] { old.Plaintext, rotated.Plaintext })
        {
            using var response = await PostRatingAsync(key, """{"rating": 7}""");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    [Fact]
    public async Task OperatorsCreateListRotateAndRevokeKeysWithTheApisOwnCommands()
    {
        var ct = TestContext.Current.CancellationToken;
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__opentabletop"] = ConnectionString,
            ["API_KEY_SALT"] = ApiFactory.TestSalt,
            ["LOG_LEVEL"] = "warning",
        };

        var (created, output, error) = await ServiceProcess.RunAsync("OpenTabletop.Api", environment, "keys", "create", "--owner", "ops test", "--scopes", "write");
        Assert.True(created == 0, error);
        var plaintext = Line(output, "key:");
        var id = Line(output, "id:");
        using (var vote = await PostRatingAsync(plaintext, """{"rating": 9}"""))
        {
            Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
        }

        var (listed, list, _) = await ServiceProcess.RunAsync("OpenTabletop.Api", environment, "keys", "list");
        Assert.Equal(0, listed);
        Assert.Contains(list.Split('\n'), line => line.StartsWith(id, StringComparison.Ordinal) && line.Contains("ops test") && line.Contains("valid"));
        Assert.DoesNotContain(plaintext, list);

        var (rotatedCode, rotated, rotateError) = await ServiceProcess.RunAsync("OpenTabletop.Api", environment, "keys", "rotate", id, "--overlap-days", "2");
        Assert.True(rotatedCode == 0, rotateError);
        Assert.NotEqual(plaintext, Line(rotated, "key:"));

        var (revoked, _, revokeError) = await ServiceProcess.RunAsync("OpenTabletop.Api", environment, "keys", "revoke", id);
        Assert.True(revoked == 0, revokeError);
        Assert.NotNull(await ScalarAsync("SELECT revoked_at FROM api_keys WHERE id = $1", ct, Guid.Parse(id)));

        var (usage, _, usageError) = await ServiceProcess.RunAsync("OpenTabletop.Api", environment, "keys", "create", "--scopes", "everything");
        Assert.Equal(2, usage);
        Assert.Contains("--owner", usageError);
        var (missing, _, _) = await ServiceProcess.RunAsync("OpenTabletop.Api", environment, "keys", "revoke", Guid.CreateVersion7().ToString());
        Assert.Equal(3, missing);
    }

    private async Task<CreatedApiKey> CreateKeyAsync(string[] scopes) =>
        await Api.Services.GetRequiredService<ApiKeyStore>().CreateAsync("tests", scopes, null, null, TestContext.Current.CancellationToken);

    private static async Task<string> RevokedAsync(ApiKeyStore store)
    {
        var created = await store.CreateAsync("t", ["read"], null, null, TestContext.Current.CancellationToken);
        await store.RevokeAsync(created.Key.Id, TestContext.Current.CancellationToken);
        return created.Plaintext;
    }

    private Task<HttpResponseMessage> PostRatingAsync(string key, string json) =>
        SendAsync(HttpMethod.Post, "/v1/games/spirit-island/ratings", key, json);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-API-Key", key);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return await Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string kind, string detailContains)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal("https://api.opentabletop.org/problems/" + kind, problem.RootElement.GetProperty("type").GetString());
        Assert.Contains(detailContains, problem.RootElement.GetProperty("detail").GetString());
    }

    private static string Line(string output, string label) =>
        output.Split('\n').Single(l => l.StartsWith(label, StringComparison.Ordinal))[label.Length..].Trim();

    private async Task<object?> ScalarAsync(string sql, CancellationToken ct, params object[] values)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        var result = await command.ExecuteScalarAsync(ct);
        return result is DBNull ? null : result;
    }
}
