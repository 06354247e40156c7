namespace OpenTabletop.MigrationService.Seeding.Synthetic;

/// <summary>
/// Computes the Tier-2 aggregates of every game from the raw rows it will write, so the API has
/// consistent data before the Materializer first runs (which then overwrites them with its own).
/// <list type="bullet">
/// <item>average_rating: mean of votes normalised to 1-10 (rating × 10 / declared_scale), 3 dp.</item>
/// <item>rating_distribution: counts of normalised votes 1..10; rating_stddev: sample deviation (null below 2 votes).</item>
/// <item>bayes_rating: (Σr + 100 × 5.5) / (n + 100); rank_overall: active base games with ≥ 30 votes by bayes_rating.</item>
/// <item>weight: mean of weight votes; community playtime: round(percentile_cont(0.1/0.5/0.9)) of non-campaign logs of 5 min to 24 h, when there are at least 3.</item>
/// <item>top/recommended player counts: per-count average ≥ 4.0 / ≥ 3.0.</item>
/// </list>
/// </summary>
internal static class SyntheticAggregator
{
    public const int BayesPriorVotes = 100;
    public const decimal BayesPriorMean = 5.5m;
    public const int RankMinimumVotes = 30;

    /// <summary>Fills <see cref="SyntheticGame.Aggregates"/> for every game and returns each game's taxonomy links.</summary>
    public static GameTerms[] Compute(SyntheticCatalog catalog, CancellationToken ct)
    {
        var terms = new GameTerms[catalog.Games.Length];
        var options = new ParallelOptions { CancellationToken = ct };
        // Every game has its own random streams, so the result does not depend on scheduling.
        Parallel.For(0, catalog.Games.Length, options, i =>
        {
            var game = catalog.Games[i];
            terms[i] = catalog.Taxonomy.For(catalog, game);
            game.Aggregates = ForGame(catalog.Seed, game);
        });
        Rank(catalog);
        return terms;
    }

    internal static GameAggregates ForGame(int seed, SyntheticGame game)
    {
        int count = 0;
        long sum = 0, squares = 0;
        var distribution = new int[10];
        foreach (var vote in SyntheticVotes.RatingVotes(seed, game))
        {
            count++;
            sum += vote.Normalised;
            squares += vote.Normalised * vote.Normalised;
            distribution[vote.Normalised - 1]++;
        }
        decimal? average = count > 0 ? Math.Round((decimal)sum / count, 3, MidpointRounding.AwayFromZero) : null;
        decimal? deviation = null;
        if (count >= 2)
        {
            // Exact integer variance numerator; only the square root is floating point.
            var variance = (double)(count * squares - sum * sum) / ((double)count * (count - 1));
            deviation = Math.Round((decimal)Math.Sqrt(variance), 3, MidpointRounding.AwayFromZero);
        }

        int weightVotes = 0;
        long hundredths = 0;
        foreach (var vote in SyntheticVotes.WeightVotes(seed, game))
        {
            weightVotes++;
            hundredths += vote.Hundredths;
        }
        decimal? weight = weightVotes > 0 ? Math.Round(hundredths / 100m / weightVotes, 3, MidpointRounding.AwayFromZero) : null;

        var plays = 0;
        var durations = new List<int>();
        foreach (var log in SyntheticVotes.PlayLogs(seed, game))
        {
            plays++;
            if (!log.IsCampaign && log.DurationMinutes is >= 5 and <= 1440)
            {
                durations.Add(log.DurationMinutes);
            }
        }
        int? p10 = null, p50 = null, p90 = null;
        if (durations.Count >= SyntheticVotes.CommunityPlaytimeMinimumLogs)
        {
            durations.Sort();
            p10 = Percentile(durations, 0.1);
            p50 = Percentile(durations, 0.5);
            p90 = Percentile(durations, 0.9);
        }

        var (top, recommended) = SyntheticPolls.DerivedPlayerCounts(SyntheticPolls.PlayerCountRatings(seed, game));
        var aggregates = new GameAggregates(
            count, average, deviation, distribution, sum, weightVotes, weight, plays, p10, p50, p90, top, recommended);
        if (count > 0)
        {
            aggregates.BayesRating = Math.Round(
                (sum + BayesPriorMean * BayesPriorVotes) / (count + BayesPriorVotes), 3, MidpointRounding.AwayFromZero);
        }
        return aggregates;
    }

    /// <summary>
    /// Linear interpolation between closest ranks, computed in double exactly as PostgreSQL's
    /// percentile_cont does, then rounded to whole minutes as round(float8) does (half to even).
    /// </summary>
    internal static int Percentile(List<int> sorted, double fraction)
    {
        var position = fraction * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        var value = sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
        return (int)Math.Round(value, MidpointRounding.ToEven);
    }

    private static void Rank(SyntheticCatalog catalog)
    {
        var ranked = catalog.Games
            .Where(g => g.Kind == GameKind.BaseGame && g.Status == "active" && g.Aggregates.RatingCount >= RankMinimumVotes)
            .OrderByDescending(g => g.Aggregates.BayesRating)
            .ThenByDescending(g => g.Aggregates.RatingCount)
            .ThenBy(g => g.Id, PostgresUuidOrder.Instance);
        var rank = 0;
        foreach (var game in ranked)
        {
            game.Aggregates.RankOverall = ++rank;
        }
    }
}
