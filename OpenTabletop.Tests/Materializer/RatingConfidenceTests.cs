using OpenTabletop.Tests.Fixtures;

namespace OpenTabletop.Tests.Materializer;

/// <summary>The published rating_confidence formula (SQL function of migration 0018) at the spec's calibration points.</summary>
public sealed class RatingConfidenceTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The spec's rating model: a brigaded game (479 votes, mean 4.10, sd 4.16) scores 0.27; Brass:
    // Birmingham (57,266 votes, mean 8.57, sd 1.42) scores 0.83. The spec names no global mean, so
    // the points must hold for any plausible one.
    [Theory]
    [InlineData(5.5)]
    [InlineData(6.5)]
    [InlineData(7.0)]
    [InlineData(8.0)]
    public async Task TheSpecsCalibrationPointsComeOutAt027And083(double globalMean)
    {
        await using var db = await MaterializerDatabase.SchemaOnlyAsync(postgres, Ct);

        var brigaded = await ConfidenceAsync(db, 479, 4.10m, 4.16m, (decimal)globalMean);
        var brass = await ConfidenceAsync(db, 57_266, 8.57m, 1.42m, (decimal)globalMean);

        Assert.InRange(brigaded!.Value, 0.24m, 0.30m);
        Assert.InRange(brass!.Value, 0.80m, 0.86m);
    }

    [Fact]
    public async Task ConfidenceGrowsWithVotesFallsWithSpreadAndWithDistanceFromTheGlobalMean()
    {
        await using var db = await MaterializerDatabase.SchemaOnlyAsync(postgres, Ct);

        Assert.True(await ConfidenceAsync(db, 50, 8.5m, 1.2m, 7m) < await ConfidenceAsync(db, 50_000, 8.5m, 1.2m, 7m));
        Assert.True(await ConfidenceAsync(db, 500, 7.5m, 2.5m, 7m) < await ConfidenceAsync(db, 500, 7.5m, 0.8m, 7m));
        // "A 9.5 average with 100 votes gets lower confidence than a 7.5 average with 100 votes."
        Assert.True(await ConfidenceAsync(db, 100, 9.5m, 1.0m, 7m) < await ConfidenceAsync(db, 100, 7.5m, 1.0m, 7m));
        // Every vote at 1 or 10 in equal parts: the largest spread there is, no confidence at all.
        Assert.Equal(0m, await ConfidenceAsync(db, 10_000, 5.5m, 4.5m, 7m));
    }

    [Fact]
    public async Task NoVotesOrAnUnknownSpreadGiveNoConfidence()
    {
        await using var db = await MaterializerDatabase.SchemaOnlyAsync(postgres, Ct);

        Assert.Null(await ConfidenceAsync(db, 0, null, null, 7m));
        Assert.Null(await ConfidenceAsync(db, 8_420, 8.52m, null, 7m));
        // One vote has no spread to be unsure of; its size factor is what keeps it low.
        Assert.Equal(0.038m, await ConfidenceAsync(db, 1, 7m, 0m, 7m));
    }

    private static Task<decimal?> ConfidenceAsync(MaterializerDatabase db, int n, decimal? mean, decimal? sd, decimal globalMean) =>
        db.ScalarAsync<decimal?>("SELECT rating_confidence($1, $2::numeric, $3::numeric, $4)", Ct, n, mean, sd, globalMean);
}
