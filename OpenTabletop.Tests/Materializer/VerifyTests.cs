using OpenTabletop.Tests.Fixtures;

namespace OpenTabletop.Tests.Materializer;

/// <summary><c>--verify</c>: recompute into scratch tables, compare, write nothing.</summary>
public sealed class VerifyTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RightAfterARunThereIsNoDriftAndVerifyWritesNothing()
    {
        await using var db = await MaterializerDatabase.SyntheticAsync(postgres, Ct);
        await db.RunAsync(Ct);
        var tables = await db.TablesAsync(Ct);

        var report = await db.Drift().RunAsync(Ct);

        Assert.Equal(0, report.ExitCode);
        Assert.Empty(report.Columns);
        Assert.Equal(tables, await db.TablesAsync(Ct));
    }

    [Fact]
    public async Task ANumberOffByLessThanATenthOfAPercentIsMinorDrift()
    {
        await using var db = await MaterializerDatabase.SyntheticAsync(postgres, Ct);
        await db.RunAsync(Ct);
        await db.ExecuteAsync(
            "UPDATE games SET average_rating = average_rating + 0.001 WHERE id = (SELECT id FROM games WHERE average_rating BETWEEN 5 AND 9 ORDER BY id LIMIT 1)", Ct);

        var report = await db.Drift().RunAsync(Ct);

        Assert.Equal(1, report.ExitCode);
        var drift = Assert.Single(report.Columns);
        Assert.Equal(("average_rating", 1L, false), (drift.Column, drift.Games, drift.Major));
    }

    [Theory]
    [InlineData("average_rating = average_rating + 1")]
    [InlineData("rating_distribution = NULL")]
    [InlineData("rank_overall = NULL")]
    public async Task AValueFarOffOrMissingIsMajorDrift(string tamper)
    {
        await using var db = await MaterializerDatabase.SyntheticAsync(postgres, Ct);
        await db.RunAsync(Ct);
        await db.ExecuteAsync($"UPDATE games SET {tamper} WHERE id = (SELECT id FROM games WHERE rank_overall IS NOT NULL AND average_rating < 9 ORDER BY id LIMIT 1)", Ct);

        var report = await db.Drift().RunAsync(Ct);

        Assert.Equal(2, report.ExitCode);
        Assert.True(Assert.Single(report.Columns).Major);
    }
}
