using System.Globalization;
using Npgsql;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api.Statistics;

/// <summary>
/// Trends over a synthetic catalogue of a few thousand games, each compared with the same question
/// asked of the source tables directly (games and the junction tables, not the facets the API reads).
/// </summary>
public sealed class TrendCompositionTests(SyntheticApi synthetic) : IClassFixture<SyntheticApi>
{
    private readonly HttpClient _http = synthetic.Api.CreateClient();

    [Fact]
    public async Task PublicationCountsWithMechanicsPlayersAndYearsEqualADirectCount()
    {
        var (mechanic, other) = await TwoCommonMechanicsAsync();
        var query = $"mechanics={mechanic}&mechanics_not={other}&players=3&year_min=2000&year_max=2015";

        using var trend = await _http.GetJsonAsync($"/v1/statistics/trends/publications?{query}");

        var expected = await RowsAsync("""
            SELECT year_published, count(*)::int, round(avg(weight), 2), round(avg(min_players), 2)
              FROM games g
             WHERE status = 'active' AND year_published BETWEEN 2000 AND 2015 AND min_players <= 3 AND max_players >= 3
               AND EXISTS (SELECT 1 FROM game_mechanics j JOIN mechanics m ON m.id = j.mechanic_id WHERE j.game_id = g.id AND m.slug = $1)
               AND NOT EXISTS (SELECT 1 FROM game_mechanics j JOIN mechanics m ON m.id = j.mechanic_id WHERE j.game_id = g.id AND m.slug = $2)
             GROUP BY 1 ORDER BY 1
            """, mechanic, other);
        var actual = trend.RootElement.GetProperty("data").EnumerateArray().Select(p => Row(
            p.GetProperty("period").GetInt32(), p.GetProperty("game_count").GetInt32(), Text(p, "avg_weight"), Text(p, "avg_min_players"))).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
        Assert.Equal(expected.Sum(r => int.Parse(r[1], CultureInfo.InvariantCulture)),
            trend.RootElement.GetProperty("meta").GetProperty("filter_summary").GetProperty("total_matching").GetInt32());
    }

    [Fact]
    public async Task EachPeriodsCountIsTheGameListsTotalForThatYear()
    {
        var (mechanic, _) = await TwoCommonMechanicsAsync();
        using var trend = await _http.GetJsonAsync($"/v1/statistics/trends/player-count?mechanics={mechanic}&weight_min=2&year_min=2010&year_max=2012");

        foreach (var point in trend.RootElement.GetProperty("data").EnumerateArray())
        {
            var year = point.GetProperty("period").GetInt32();
            using var list = await _http.GetJsonAsync($"/v1/games?mechanics={mechanic}&weight_min=2&year_min={year}&year_max={year}&limit=1");
            Assert.Equal(list.RootElement.GetProperty("meta").GetProperty("total").GetInt32(), point.GetProperty("game_count").GetInt32());
        }
    }

    [Fact]
    public async Task MechanicAdoptionCountsEqualADirectCountPerDecade()
    {
        using var trend = await _http.GetJsonAsync("/v1/statistics/trends/mechanics?group_by=decade&limit=3&type=base_game");

        var expected = await RowsAsync("""
            WITH g AS (SELECT id, (floor(year_published / 10.0) * 10)::int AS decade FROM games WHERE status = 'active' AND type = 'base_game' AND year_published IS NOT NULL),
            totals AS (SELECT m.slug, count(*) AS n FROM g JOIN game_mechanics j ON j.game_id = g.id JOIN mechanics m ON m.id = j.mechanic_id GROUP BY m.slug),
            chosen AS (SELECT slug, row_number() OVER (ORDER BY n DESC, slug) AS position FROM totals ORDER BY n DESC, slug LIMIT 3),
            periods AS (SELECT decade, count(*) AS n FROM g GROUP BY decade)
            SELECT p.decade, c.slug,
                   (SELECT count(*) FROM g JOIN game_mechanics j ON j.game_id = g.id JOIN mechanics m ON m.id = j.mechanic_id
                     WHERE g.decade = p.decade AND m.slug = c.slug)::int AS n,
                   round(100.0 * (SELECT count(*) FROM g JOIN game_mechanics j ON j.game_id = g.id JOIN mechanics m ON m.id = j.mechanic_id
                                   WHERE g.decade = p.decade AND m.slug = c.slug) / p.n, 1)
              FROM periods p CROSS JOIN chosen c ORDER BY p.decade, c.position
            """);
        var actual = trend.RootElement.GetProperty("data").EnumerateArray().Select(p => Row(
            p.GetProperty("period").GetInt32(), p.GetProperty("mechanic").GetString(), p.GetProperty("game_count").GetInt32(), Text(p, "pct_of_period"))).ToList();
        Assert.Equal(expected, actual);
    }

    /// <summary>The two mechanics most games have (so that every filter above matches something).</summary>
    private async Task<(string, string)> TwoCommonMechanicsAsync()
    {
        var rows = await RowsAsync("SELECT m.slug FROM game_mechanics j JOIN mechanics m ON m.id = j.mechanic_id GROUP BY m.slug ORDER BY count(*) DESC, m.slug LIMIT 2");
        return (rows[0][0], rows[1][0]);
    }

    private async Task<List<string[]>> RowsAsync(string sql, params object[] values)
    {
        await using var dataSource = NpgsqlDataSource.Create(synthetic.ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        var rows = new List<string[]>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null"
                : reader.GetValue(i) is decimal d ? Normal(d) : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!)]);
        }
        return rows;
    }

    private static string[] Row(params object?[] values) =>
        [.. values.Select(v => v switch { null => "null", decimal d => Normal(d), _ => Convert.ToString(v, CultureInfo.InvariantCulture)! })];

    private static decimal? Text(System.Text.Json.JsonElement point, string field) =>
        point.GetProperty(field).ValueKind == System.Text.Json.JsonValueKind.Null ? null : point.GetProperty(field).GetDecimal();

    /// <summary>A decimal without trailing zeros (2.50 and 2.5 are the same number).</summary>
    private static string Normal(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
