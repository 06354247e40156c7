using System.Text.Json;
using Npgsql;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

/// <summary>SPEC-DECISIONS "Totals": exact up to 10,000 matches, a flagged estimate above.</summary>
public sealed class GameTotalsTests(PostgresFixture postgres) : SampleApiTests(postgres)
{
    [Fact]
    public async Task TotalsAreExactUpToTenThousandAndAFlaggedEstimateAbove()
    {
        await InsertPromosAsync(10_500, soloFirst: 9_000);

        using var exact = await Http.GetJsonAsync("/v1/games?type=promo&mode=solo&limit=5");
        using var broad = await Http.GetJsonAsync("/v1/games?type=promo&limit=5");

        var exactMeta = exact.RootElement.GetProperty("meta");
        Assert.Equal(9_000, exactMeta.GetProperty("total").GetInt32());
        Assert.False(exactMeta.TryGetProperty("total_estimated", out _));
        var broadMeta = broad.RootElement.GetProperty("meta");
        Assert.True(broadMeta.GetProperty("total_estimated").GetBoolean());
        // The planner's estimate of 10,502 promos (two from the sample): never below the exact limit, and in the right range.
        Assert.InRange(broadMeta.GetProperty("total").GetInt32(), 10_001, 20_000);
        Assert.Equal(broadMeta.GetProperty("total").GetInt32(), broadMeta.GetProperty("filter_summary").GetProperty("total_matching").GetInt32());
        SpecSchema.AssertValid("/games", "get", 200, broad.RootElement.GetRawText());
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
