using System.Net;
using System.Text.Json;
using Npgsql;
using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

public sealed class GameEndpointTests(PostgresFixture postgres) : SampleApiTests(postgres)
{
    private const string SpiritIslandId = "01912f4c-7e3a-7b1a-8c5d-9f0e1a2b3c4d";

    // Where the spec's sample data and its example payload disagree, the sample data is what we seed.
    private static readonly HashSet<string> SampleDiffersFromExample = ["description", "description_short", "weight_votes"];

    [Fact]
    public async Task SpiritIslandReadsBackAsTheSpecExamplePayloadShowsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var example = (Dictionary<object, object>)((Dictionary<object, object>)SpecFiles.ReadYaml("spec/examples/game-spirit-island.yaml")!)["value"];

        using var response = await Http.GetAsync("/v1/games/spirit-island", ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var game = body.RootElement;
        var compared = 0;
        foreach (var (key, value) in example)
        {
            var field = (string)key;
            if (value is not string scalar || SampleDiffersFromExample.Contains(field)) continue;
            Assert.True(game.TryGetProperty(field, out var actual), $"missing field {field}");
            AssertSameScalar(field, scalar, actual);
            compared++;
        }
        Assert.True(compared >= 25, $"only {compared} scalar fields compared");
        Assert.Equal(JsonValueKind.Null, game.GetProperty("parent_game_id").ValueKind);
        Assert.Equal("/v1/games/spirit-island", game.GetProperty("_links").GetProperty("self").GetProperty("href").GetString());
        Assert.Equal("/v1/games/spirit-island/expansions", game.GetProperty("_links").GetProperty("expansions").GetProperty("href").GetString());
    }

    [Fact]
    public async Task GameByUuidEqualsGameBySlug()
    {
        var ct = TestContext.Current.CancellationToken;

        var bySlug = await Http.GetStringAsync("/v1/games/spirit-island", ct);
        var byId = await Http.GetStringAsync($"/v1/games/{SpiritIslandId}", ct);

        Assert.Equal(bySlug, byId);
    }

    [Theory]
    [InlineData("no-such-game")]
    [InlineData("00000000-0000-7000-8000-000000000000")]
    public async Task UnknownGameIsANotFoundProblem(string id)
    {
        var ct = TestContext.Current.CancellationToken;

        using var response = await Http.GetAsync($"/v1/games/{id}", ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        Assert.Equal("https://api.opentabletop.org/problems/not-found", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal("Not Found", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal($"No game found with identifier '{id}'.", problem.RootElement.GetProperty("detail").GetString());
        Assert.EndsWith($"/v1/games/{id}", problem.RootElement.GetProperty("instance").GetString());
        Assert.True(Uri.IsWellFormedUriString(problem.RootElement.GetProperty("instance").GetString(), UriKind.Absolute));
        Assert.Equal(32, problem.RootElement.GetProperty("trace_id").GetString()!.Length);
    }

    [Fact]
    public async Task RetiredIdentifierAnswersGone()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var dataSource = NpgsqlDataSource.Create(ConnectionString))
        await using (var retire = dataSource.CreateCommand("INSERT INTO retired_identifiers (entity_type, identifier) VALUES ('game', 'spirit-isle')"))
        {
            await retire.ExecuteNonQueryAsync(ct);
        }

        using var response = await Http.GetAsync("/v1/games/spirit-isle", ct);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownRouteIsAProblemToo()
    {
        var ct = TestContext.Current.CancellationToken;

        using var response = await Http.GetAsync("/v1/no-such-thing", ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task WrongMethodIsAMethodNotAllowedProblem()
    {
        var ct = TestContext.Current.CancellationToken;

        using var response = await Http.DeleteAsync("/v1/games/spirit-island", ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        Assert.Equal("https://api.opentabletop.org/problems/method-not-allowed", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(405, problem.RootElement.GetProperty("status").GetInt32());
    }

    private static void AssertSameScalar(string field, string expected, JsonElement actual)
    {
        switch (actual.ValueKind)
        {
            case JsonValueKind.Number:
                Assert.True(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture) == actual.GetDecimal(), $"{field}: expected {expected}, got {actual}");
                break;
            case JsonValueKind.String when DateTime.TryParse(expected, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal, out var when):
                Assert.Equal(when, actual.GetDateTime().ToUniversalTime());
                break;
            case JsonValueKind.String:
                Assert.Equal(expected, actual.GetString());
                break;
            default:
                Assert.Fail($"{field}: expected {expected}, got {actual.ValueKind}");
                break;
        }
    }
}
