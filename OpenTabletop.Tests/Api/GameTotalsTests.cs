using System.Text.Json;
using Npgsql;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

/// <summary>
/// SPEC-DECISIONS "Totals": exact up to 10,000 matches, a flagged estimate above. SQL alone
/// (GAME_INDEX=off) counts up to the limit and estimates beyond; the in-memory index counts exactly
/// whatever the size.
/// </summary>
public sealed class GameTotalsTests(PostgresFixture postgres) : SampleApiTests(postgres)
{
    [Fact]
    public async Task SqlTotalsAreExactUpToTenThousandAndAFlaggedEstimateAbove()
    {
        await InsertPromosAsync(10_500, soloFirst: 9_000);
        await using var sqlApi = ApiFactory.Start(ConnectionString, ("GAME_INDEX", "off"));
        var http = sqlApi.CreateClient();

        using var exact = await http.GetJsonAsync("/v1/games?type=promo&mode=solo&limit=5");
        using var broad = await http.GetJsonAsync("/v1/games?type=promo&limit=5");

        var exactMeta = exact.RootElement.GetProperty("meta");
        Assert.Equal(9_000, exactMeta.GetProperty("total").GetInt32());
        Assert.False(exactMeta.TryGetProperty("total_estimated", out _));
        var broadMeta = broad.RootElement.GetProperty("meta");
        Assert.True(broadMeta.GetProperty("total_estimated").GetBoolean());
        // The planner's estimate of 10,502 promos (two from the sample): never below the exact limit, and in the right range.
        Assert.InRange(broadMeta.GetProperty("total").GetInt32(), 10_001, 20_000);
        Assert.Equal(broadMeta.GetProperty("total").GetInt32(), broadMeta.GetProperty("filter_summary").GetProperty("total_matching").GetInt32());
        SpecSchema.AssertValid("/games", "get", 200, broad.RootElement.GetRawText());

        // The page itself: sorted out of the gathered matches under the cap, walked along the index above it.
        Assert.Equal(await FirstSlugsAsync("type = 'promo' AND mode = 'solo'"), Slugs(exact));
        Assert.Equal(await FirstSlugsAsync("type = 'promo'"), Slugs(broad));
        using var second = await http.GetJsonAsync(broad.RootElement.GetProperty("_links").GetProperty("next").GetProperty("href").GetString()!);
        Assert.Equal((await FirstSlugsAsync("type = 'promo'", 10)).Skip(5), Slugs(second));
    }

    [Fact]
    public async Task MemoryTotalsAreExactAboveTenThousand()
    {
        await InsertPromosAsync(10_500, soloFirst: 9_000);
        await GameIndexProbe.CaughtUpAsync(Api, ConnectionString);
        var servedBefore = GameIndexProbe.IndexOf(Api).ServedFromMemory;

        using var broad = await Http.GetJsonAsync("/v1/games?type=promo&limit=5");

        var meta = broad.RootElement.GetProperty("meta");
        Assert.Equal(10_502, meta.GetProperty("total").GetInt32());
        Assert.False(meta.TryGetProperty("total_estimated", out _));
        Assert.Equal(10_502, meta.GetProperty("filter_summary").GetProperty("total_matching").GetInt32());
        Assert.Equal(await FirstSlugsAsync("type = 'promo'"), Slugs(broad));
        Assert.Equal(servedBefore + 1, GameIndexProbe.IndexOf(Api).ServedFromMemory);
        SpecSchema.AssertValid("/games", "get", 200, broad.RootElement.GetRawText());
    }

    [Fact]
    public async Task SqlTakesTheSizeOfALargeCatalogueAsAFlaggedTotalOfAnUnfilteredList()
    {
        await InsertPromosAsync(10_500, soloFirst: 0);
        await using var sqlApi = ApiFactory.Start(ConnectionString, ("GAME_INDEX", "off"));
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = new NpgsqlCommand("SELECT count(*)::int FROM games WHERE status = 'active'", connection);
        var active = (int)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;

        using var page = await sqlApi.CreateClient().GetJsonAsync("/v1/games?limit=5");

        var meta = page.RootElement.GetProperty("meta");
        Assert.Equal(active, meta.GetProperty("total").GetInt32());
        Assert.True(meta.GetProperty("total_estimated").GetBoolean());
        Assert.Equal(await FirstSlugsAsync("true"), Slugs(page));
    }

    private static List<string> Slugs(JsonDocument page) =>
        [.. page.RootElement.GetProperty("data").EnumerateArray().Select(g => g.GetProperty("slug").GetString()!)];

    /// <summary>The first active games by name (the default sort: sort_name, then id) among those meeting a fixed condition.</summary>
    private async Task<List<string>> FirstSlugsAsync(string condition, int limit = 5)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT slug FROM games WHERE status = 'active' AND {condition} ORDER BY sort_name, id LIMIT $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var slugs = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken)) slugs.Add(reader.GetString(0));
        return slugs;
    }

    private async Task InsertPromosAsync(int count, int soloFirst)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "INSERT INTO games (id, slug, name, type, mode, status) " +
            "SELECT gen_random_uuid(), 'bulk-promo-' || i, 'Bulk Promo ' || i, 'promo', CASE WHEN i <= $2 THEN 'solo' END, 'active' " +
            "FROM generate_series(1, $1) AS i", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        command.Parameters.Add(new NpgsqlParameter { Value = soloFirst });
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        // Fresh statistics, as autovacuum would gather them, so that the planner's estimate reflects the rows.
        await using var analyze = new NpgsqlCommand("ANALYZE games", connection);
        await analyze.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
