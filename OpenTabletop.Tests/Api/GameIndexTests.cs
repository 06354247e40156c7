using System.Text.Json;
using CsCheck;
using Npgsql;
using OpenTabletop.Tests.Api.Filtering;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

/// <summary>
/// The in-memory game index (GAME_INDEX=memory, the default) against SQL alone (GAME_INDEX=off) on
/// the same database: the same pages in the same order, the same totals, matched_via and cursors,
/// walking forwards and back; and a change in the database is never answered from a stale copy.
/// </summary>
public sealed class GameIndexTests(SyntheticApi synthetic) : IClassFixture<SyntheticApi>
{
    private static readonly string[] SqlOnly = ["designer=", "publisher=", "family=", "playtime_experience="];

    private static readonly string[] Sorts = ["name", "rating", "weight", "year_published", "community_playtime_median"];

    [Fact]
    public async Task MemoryAndSqlChooseTheSamePagesTotalsAndCursors()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sqlApi = ApiFactory.Start(synthetic.ConnectionString, ("GAME_INDEX", "off"));
        await GameIndexProbe.CaughtUpAsync(synthetic.Api, synthetic.ConnectionString);
        var index = GameIndexProbe.IndexOf(synthetic.Api);
        var catalogue = await CatalogueModel.LoadAsync(synthetic.ConnectionString, ct);
        var memory = synthetic.Api.CreateClient();
        var sql = sqlApi.CreateClient();
        var fromMemoryBefore = index.ServedFromMemory;
        var pages = 0;
        // Designer, publisher, family and experience filters are SQL's; every other page must come from memory.
        var memoryPages = 0;

        // Random filters name SQL-only dimensions often enough that how many pages a fixed number of cases
        // walks in memory varies from run to run: draw cases until a hundred pages have (bounded).
        for (var round = 0; round < 8 && memoryPages < 100; round++)
        {
            await Gen.Int[0, int.MaxValue].SampleAsync(async seed =>
            {
                var random = new Random(seed);
                var filter = FilterCase.Create(seed, catalogue);
                var query = $"/v1/games?{filter.Query}&sort={Sorts[random.Next(Sorts.Length)]}&order={(random.Next(2) == 0 ? "asc" : "desc")}&limit={random.Next(5, 60)}";
                var forwards = await WalkAsync(memory, sql, query, "next");
                // And back from the last page by the prev links: the same pages again, in reverse.
                var walked = forwards.Pages + (forwards.Last is { } last ? (await WalkAsync(memory, sql, last, "prev")).Pages : 0);
                pages += walked;
                if (!SqlOnly.Any(p => query.Contains(p, StringComparison.Ordinal))) memoryPages += walked;
            }, iter: 20, threads: 1, print: seed => FilterCase.Create(seed, catalogue).Query);
        }

        Assert.True(memoryPages >= 100, $"only {memoryPages} of {pages} pages had filters the index holds");
        Assert.Equal(memoryPages, index.ServedFromMemory - fromMemoryBefore);
        Assert.Equal(0, GameIndexProbe.IndexOf(sqlApi).ServedFromMemory);
    }

    [Fact]
    public async Task AnUnfilteredListIsCountedExactlyFromMemory()
    {
        var ct = TestContext.Current.CancellationToken;
        await GameIndexProbe.CaughtUpAsync(synthetic.Api, synthetic.ConnectionString);
        var index = GameIndexProbe.IndexOf(synthetic.Api);
        var before = index.ServedFromMemory;

        using var page = await synthetic.Api.CreateClient().GetJsonAsync("/v1/games?limit=3");

        var meta = page.RootElement.GetProperty("meta");
        Assert.Equal(await ScalarAsync("SELECT count(*)::int FROM games WHERE status = 'active'", ct), meta.GetProperty("total").GetInt32());
        Assert.False(meta.TryGetProperty("total_estimated", out _));
        Assert.Equal(before + 1, index.ServedFromMemory);
    }

    [Fact]
    public async Task AChangeIsNeverAnsweredFromAStaleCopy()
    {
        var ct = TestContext.Current.CancellationToken;
        var (index, http) = await CaughtUpAsync();
        const string query = "/v1/games?weight_min=2.0&weight_max=3.0&sort=rating&order=desc&limit=5";
        using var first = await http.GetJsonAsync(query);
        var total = first.RootElement.GetProperty("meta").GetProperty("total").GetInt32();
        var top = first.RootElement.GetProperty("data")[0].GetProperty("slug").GetString()!;

        // The top game leaves the weight band: the facets follow by trigger and the generation moves.
        await ScalarAsync("UPDATE games SET weight = 4.5 WHERE slug = $1 RETURNING 1", ct, top);
        var sqlBefore = index.ServedBySql;
        using var stale = await http.GetJsonAsync(query);
        Assert.Equal(total - 1, stale.RootElement.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.DoesNotContain(top, GamePages.Slugs(stale));
        Assert.Equal(sqlBefore + 1, index.ServedBySql);

        // Once reloaded, memory answers again, with the change.
        await GameIndexProbe.CaughtUpAsync(synthetic.Api, synthetic.ConnectionString);
        var memoryBefore = index.ServedFromMemory;
        using var fresh = await http.GetJsonAsync(query);
        Assert.Equal(memoryBefore + 1, index.ServedFromMemory);
        Assert.Equal(stale.RootElement.GetProperty("data").GetRawText(), fresh.RootElement.GetProperty("data").GetRawText());
        Assert.Equal(total - 1, fresh.RootElement.GetProperty("meta").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ARenamedTermIsResolvedByItsNewNameAtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var (index, http) = await CaughtUpAsync();
        const string query = "/v1/games?mechanics=cooperative&limit=3";
        var before = index.ServedFromMemory;
        using (var named = await http.GetJsonAsync(query))
        {
            Assert.True(named.RootElement.GetProperty("meta").GetProperty("total").GetInt32() > 0);
        }
        Assert.Equal(before + 1, index.ServedFromMemory);

        await ScalarAsync("UPDATE mechanics SET slug = 'cooperative-play' WHERE slug = 'cooperative' RETURNING 1", ct);
        try
        {
            // The copy still knows the old name, but its generation is behind: SQL answers, and the old name no longer exists.
            using var response = await http.GetAsync(query, ct);
            Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains("cooperative", await response.Content.ReadAsStringAsync(ct));
            using var renamed = await http.GetJsonAsync("/v1/games?mechanics=cooperative-play&limit=3");
            Assert.True(renamed.RootElement.GetProperty("meta").GetProperty("total").GetInt32() > 0);
        }
        finally
        {
            await ScalarAsync("UPDATE mechanics SET slug = 'cooperative' WHERE slug = 'cooperative-play' RETURNING 1", CancellationToken.None);
        }
    }

    /// <summary>Follows one link direction on both Apis from the same start, comparing every page; returns the last href.</summary>
    private static async Task<(int Pages, string? Last)> WalkAsync(HttpClient memory, HttpClient sql, string start, string direction)
    {
        string? href = start, last = null;
        var pages = 0;
        while (href is not null)
        {
            using var mine = await memory.GetJsonAsync(href);
            using var theirs = await sql.GetJsonAsync(href);
            Assert.True(Comparable(theirs) == Comparable(mine), $"{href}: memory and SQL disagree:\n{Comparable(mine)}\n{Comparable(theirs)}");
            pages++;
            last = href;
            var link = mine.RootElement.GetProperty("_links").GetProperty(direction);
            href = link.ValueKind == JsonValueKind.Null ? null : link.GetProperty("href").GetString();
            Assert.True(pages < 200, $"{start}: more than 200 pages");
        }
        return (pages, direction == "next" && pages > 1 ? last : null);
    }

    /// <summary>What both must agree on: the games and how each matched, the total and the cursors.</summary>
    private static string Comparable(JsonDocument page)
    {
        var meta = page.RootElement.GetProperty("meta");
        var games = page.RootElement.GetProperty("data").EnumerateArray()
            .Select(g => g.GetProperty("slug").GetString() + (g.TryGetProperty("matched_via", out var via) ? " " + via.GetRawText() : ""));
        return $"total={meta.GetProperty("total")} next={meta.GetProperty("next_cursor")} prev={meta.GetProperty("prev_cursor")}\n" + string.Join("\n", games);
    }

    /// <summary>The memory Api with its index at the database's generation, and a client for it.</summary>
    private async Task<(OpenTabletop.Api.Games.Listing.InMemory.GameIndex Index, HttpClient Http)> CaughtUpAsync()
    {
        await GameIndexProbe.CaughtUpAsync(synthetic.Api, synthetic.ConnectionString);
        return (GameIndexProbe.IndexOf(synthetic.Api), synthetic.Api.CreateClient());
    }

    private async Task<int> ScalarAsync(string sql, CancellationToken ct, params object[] values)
    {
        await using var connection = new NpgsqlConnection(synthetic.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
