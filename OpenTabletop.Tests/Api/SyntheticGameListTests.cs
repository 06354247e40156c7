using System.Text.Json;
using Npgsql;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

/// <summary>
/// GET /v1/games over a few thousand synthetic games. Paging: for every sort key and order, walking
/// the pages forwards and then backwards visits every matching game exactly once, in the order the
/// sort promises (nulls last, id breaking ties), which the database states independently here.
/// Round trips: a full page with every include costs the same few commands as a bare one.
/// </summary>
public sealed class SyntheticGameListTests(SyntheticApi synthetic) : IClassFixture<SyntheticApi>
{
    private const string EveryInclude =
        "mechanics,categories,themes,designers,publishers,expansions,editions,effective_properties," +
        "experience_playtime,alternate_names,credits,awards,polls";

    [Fact]
    public async Task AHundredGamesWithEveryIncludeCostTwoRoundTrips()
    {
        var http = synthetic.Api.CreateClient();
        var href = $"/v1/games?limit=100&sort=rating&order=desc&include={EveryInclude}";
        await http.GetJsonAsync(href); // warm the pool so that the count is about commands only
        // Another test of this class inserts games; a stale index would add the declined memory batch.
        await GameIndexProbe.CaughtUpAsync(synthetic.Api, synthetic.ConnectionString);

        var counted = await CommandCounter.CountAsync(() => http.GetJsonAsync(href));
        using var page = counted.Result;

        var games = page.RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(100, games.Count);
        // The includes really loaded: popular synthetic games have expansions, mechanics and designers.
        Assert.Contains(games, g => g.GetProperty("expansions").GetArrayLength() > 0);
        Assert.All(games, g => Assert.True(g.GetProperty("mechanics").GetArrayLength() > 0, g.GetProperty("slug").GetString()));
        Assert.All(games, g => Assert.Equal(JsonValueKind.Object, g.GetProperty("effective_properties").ValueKind));
        // One batch for the keyset page and its count, one batch for all thirteen includes.
        Assert.True(counted.Count == 2, counted.Describe());
        SpecSchema.AssertValid("/games", "get", 200, page.RootElement.GetRawText());
    }

    [Fact]
    public async Task ABarePageIsOneRoundTrip()
    {
        var http = synthetic.Api.CreateClient();
        await http.GetJsonAsync("/v1/games?limit=100");
        await GameIndexProbe.CaughtUpAsync(synthetic.Api, synthetic.ConnectionString);

        var counted = await CommandCounter.CountAsync(() => http.GetJsonAsync("/v1/games?limit=100"));
        counted.Result.Dispose();

        Assert.True(counted.Count == 1, counted.Describe());
    }

    private static readonly Dictionary<string, string> OrderBy = new()
    {
        ["name"] = "sort_name {0}, id {0}",
        ["rating"] = "bayes_rating {0} NULLS LAST, rating_count {0}, id {0}",
        ["weight"] = "weight {0} NULLS LAST, id {0}",
        ["year_published"] = "year_published {0} NULLS LAST, id {0}",
        ["community_playtime_median"] = "community_playtime_median_minutes {0} NULLS LAST, id {0}",
    };

    [Theory]
    [InlineData("name", "asc")]
    [InlineData("name", "desc")]
    [InlineData("rating", "asc")]
    [InlineData("rating", "desc")]
    [InlineData("weight", "asc")]
    [InlineData("weight", "desc")]
    [InlineData("year_published", "asc")]
    [InlineData("year_published", "desc")]
    [InlineData("community_playtime_median", "asc")]
    [InlineData("community_playtime_median", "desc")]
    public async Task EveryPageWalkVisitsEveryGameOnceInSortOrder(string sort, string order)
    {
        var expected = await ExpectedAsync(sort, order, "TRUE");
        Assert.True(expected.Count > SyntheticApi.Games * 3 / 4, $"only {expected.Count} active games");

        var (forward, last) = await WalkAsync($"/v1/games?sort={sort}&order={order}&limit=100", "next");
        Assert.Equal(expected, forward);

        var (backward, _) = await WalkAsync(last, "prev");
        backward.Reverse();
        Assert.Equal(expected, backward);
    }

    [Fact]
    public async Task FilteredWalkKeepsItsFiltersOnEveryPage()
    {
        var expected = await ExpectedAsync("weight", "desc", "type = 'base_game' AND min_players <= 3 AND max_players >= 3");
        Assert.True(expected.Count > 200, $"only {expected.Count} matching games");

        var (forward, _) = await WalkAsync("/v1/games?type=base_game&players=3&sort=weight&order=desc&limit=37", "next");

        Assert.Equal(expected, forward);
    }

    [Fact]
    public async Task SortKeysWithNullsHaveNullsInTheCatalogue()
    {
        // Without nulls and ties the walks above would not prove the nulls-last and tie-breaking paths.
        await using var connection = new NpgsqlConnection(synthetic.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) - count(DISTINCT bayes_rating), count(*) FILTER (WHERE weight IS NULL), " +
            "count(*) FILTER (WHERE community_playtime_median_minutes IS NULL), " +
            "count(*) - count(DISTINCT year_published) FROM games WHERE status = 'active'", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        await reader.ReadAsync(TestContext.Current.CancellationToken);
        // Unrated synthetic games all have the prior as bayes rating: ties that rating_count and id must break.
        Assert.True(reader.GetInt64(0) > 100, "bayes ratings have too few ties");
        Assert.True(reader.GetInt64(1) > 0 && reader.GetInt64(2) > 0, $"a nullable sort column has no nulls: {reader.GetInt64(1)} {reader.GetInt64(2)}");
        Assert.True(reader.GetInt64(3) > 1000, "years have too few ties");
    }

    [Fact]
    public async Task InsertsDuringAWalkNeitherRepeatNorSkipExistingGames()
    {
        var ct = TestContext.Current.CancellationToken;
        var http = synthetic.Api.CreateClient();
        var before = await ExpectedAsync("name", "asc", "type = 'promo'");
        Assert.True(before.Count > 100, $"only {before.Count} promos");

        var seen = new List<string>();
        string? href = "/v1/games?type=promo&limit=50";
        var inserted = false;
        while (href is not null)
        {
            using var page = await http.GetJsonAsync(href);
            seen.AddRange(Slugs(page));
            if (!inserted)
            {
                // One game sorting before the walk's position and one after it.
                await InsertPromoAsync("aaaa-inserted-early", "Aaaa Inserted Early", ct);
                await InsertPromoAsync("zzzz-inserted-late", "Zzzz Inserted Late", ct);
                inserted = true;
            }
            href = Next(page);
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Empty(before.Except(seen));
        Assert.DoesNotContain("aaaa-inserted-early", seen);
        Assert.Equal("zzzz-inserted-late", seen[^1]);
    }

    private async Task InsertPromoAsync(string slug, string name, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(synthetic.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "INSERT INTO games (id, slug, name, type, status) VALUES ($1, $2, $3, 'promo', 'active')", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
        command.Parameters.Add(new NpgsqlParameter { Value = slug });
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<List<string>> ExpectedAsync(string sort, string order, string condition)
    {
        await using var connection = new NpgsqlConnection(synthetic.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        // Fixed text from this class only; no request value reaches it.
        await using var command = new NpgsqlCommand(
            $"SELECT slug FROM games WHERE status = 'active' AND {condition} ORDER BY {string.Format(OrderBy[sort], order.ToUpperInvariant())}",
            connection);
        var slugs = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken)) slugs.Add(reader.GetString(0));
        return slugs;
    }

    /// <summary>Follows one link relation to the end; returns the slugs in visiting order and the last page's href.</summary>
    private async Task<(List<string> Slugs, string Last)> WalkAsync(string href, string relation)
    {
        var http = synthetic.Api.CreateClient();
        var slugs = new List<string>();
        var first = true;
        string? current = href;
        string last = href;
        while (current is not null)
        {
            using var page = await http.GetJsonAsync(current);
            if (first)
            {
                SpecSchema.AssertValid("/games", "get", 200, page.RootElement.GetRawText());
                first = false;
            }
            var items = Slugs(page);
            if (relation == "prev") items.Reverse();
            slugs.AddRange(items);
            last = current;
            var link = page.RootElement.GetProperty("_links").GetProperty(relation);
            current = link.ValueKind == JsonValueKind.Null ? null : link.GetProperty("href").GetString();
        }
        return (slugs, last);
    }

    private static string? Next(JsonDocument page)
    {
        var link = page.RootElement.GetProperty("_links").GetProperty("next");
        return link.ValueKind == JsonValueKind.Null ? null : link.GetProperty("href").GetString();
    }

    private static List<string> Slugs(JsonDocument page) =>
        [.. page.RootElement.GetProperty("data").EnumerateArray().Select(g => g.GetProperty("slug").GetString()!)];
}
