using Npgsql;
using OpenTabletop.Data;
using OpenTabletop.MigrationService.Seeding.Synthetic;

namespace OpenTabletop.MigrationService.Seeding;

/// <summary>
/// Raw votes behind the sample games' published aggregates, so that a Materializer run over the
/// sample reproduces them: for every game with a <c>rating_distribution</c>, exactly that many
/// votes of each value 1..10 (on the 10-point scale); for every game with a weight and weight
/// votes, that many weight votes whose mean is the weight exactly (symmetric pairs around it).
/// Ids are deterministic and rows are only ever added (ON CONFLICT DO NOTHING), so seeding twice
/// changes nothing. About 140,000 rows, through binary COPY into a scratch table.
/// </summary>
internal static class SampleVotes
{
    /// <summary>Offsets of the weight pairs (weight − d, weight + d), cycled; capped to stay within 1-5.</summary>
    private static readonly decimal[] WeightSpread = [0.1m, 0.2m, 0.4m, 0.6m, 0.8m];

    public static IEnumerable<(Guid Id, Guid Game, int Rating, DateTime CreatedAt)> Ratings(IEnumerable<SampleGame> games)
    {
        foreach (var game in games)
        {
            if (game.RatingDistribution is not { Count: 10 } distribution) continue;
            for (var bucket = 1; bucket <= 10; bucket++)
            {
                for (var k = 0; k < distribution[bucket - 1]; k++)
                {
                    yield return (DeterministicIds.For("sample-rating-vote", $"{game.Slug}/{bucket}/{k}"), game.Id, bucket, game.CreatedAt.UtcDateTime);
                }
            }
        }
    }

    public static IEnumerable<(Guid Id, Guid Game, decimal Weight, DateTime CreatedAt)> Weights(IEnumerable<SampleGame> games)
    {
        foreach (var game in games)
        {
            if (game.Weight is not { } weight || game.WeightVotes <= 0) continue;
            var room = Math.Min(weight - 1, 5 - weight);
            for (var k = 0; k < game.WeightVotes; k++)
            {
                var pair = k / 2;
                var offset = k == game.WeightVotes - 1 && k % 2 == 0 ? 0 : Math.Min(WeightSpread[pair % WeightSpread.Length], room);
                var value = k % 2 == 0 ? weight - offset : weight + offset;
                yield return (DeterministicIds.For("sample-weight-vote", $"{game.Slug}/{k}"), game.Id, value, game.CreatedAt.UtcDateTime);
            }
        }
    }

    /// <summary>Adds the votes that are missing, in the caller's transaction; returns (rating votes, weight votes) added.</summary>
    public static async Task<(long Ratings, long Weights)> SeedAsync(NpgsqlConnection connection, IReadOnlyList<SampleGame> games, CancellationToken ct)
    {
        await using (var scratch = new NpgsqlCommand(
            "CREATE TEMP TABLE sample_rating_votes (LIKE rating_votes INCLUDING DEFAULTS) ON COMMIT DROP; " +
            "CREATE TEMP TABLE sample_weight_votes (LIKE weight_votes INCLUDING DEFAULTS) ON COMMIT DROP", connection))
        {
            await scratch.ExecuteNonQueryAsync(ct);
        }
        await BinaryCopy.WriteAsync(connection, "sample_rating_votes", "id, game_id, rating, created_at", Ratings(games), static (w, v) =>
        {
            w.WriteUuid(v.Id);
            w.WriteUuid(v.Game);
            w.WriteNumeric(v.Rating);
            w.WriteTimestamp(v.CreatedAt);
        }, ct);
        await BinaryCopy.WriteAsync(connection, "sample_weight_votes", "id, game_id, weight, created_at", Weights(games), static (w, v) =>
        {
            w.WriteUuid(v.Id);
            w.WriteUuid(v.Game);
            w.WriteNumeric(v.Weight);
            w.WriteTimestamp(v.CreatedAt);
        }, ct);

        await using var insert = new NpgsqlCommand(
            "INSERT INTO rating_votes SELECT * FROM sample_rating_votes ON CONFLICT (id) DO NOTHING", connection) { CommandTimeout = 0 };
        var ratings = await insert.ExecuteNonQueryAsync(ct);
        await using var insertWeights = new NpgsqlCommand(
            "INSERT INTO weight_votes SELECT * FROM sample_weight_votes ON CONFLICT (id) DO NOTHING", connection) { CommandTimeout = 0 };
        var weights = await insertWeights.ExecuteNonQueryAsync(ct);
        return (ratings, weights);
    }
}
