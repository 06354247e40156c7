namespace OpenTabletop.MigrationService.Seeding.Synthetic;

internal readonly record struct PlayerCountRatingRow(int PlayerCount, decimal AverageRating, int RatingCount, decimal? RatingStddev);

internal readonly record struct ExperiencePlaytimeRow(string Level, int MedianMinutes, int P10Minutes, int P90Minutes, int ReportCount);

internal sealed record ExperienceProfile(
    bool SufficientData, decimal? FirstPlay, decimal? Learning, decimal Experienced, decimal? Expert, int TotalReports);

/// <summary>Community poll aggregates: per-player-count ratings (1-5) and experience-bucketed playtime.</summary>
internal static class SyntheticPolls
{
    public const int SufficientReportsPerLevel = 10;

    private static readonly (string Level, double Low, double High, double Share)[] Levels =
    [
        ("first_play", 1.35, 1.75, 0.6),
        ("learning", 1.15, 1.35, 0.8),
        ("experienced", 1.0, 1.0, 1.0),
        ("expert", 0.75, 0.92, 0.4),
    ];

    /// <summary>One row per supported player count, peaking at the game's sweet spot.</summary>
    public static PlayerCountRatingRow[] PlayerCountRatings(int seed, SyntheticGame game)
    {
        var random = SyntheticRandom.For(seed, RandomStream.Polls, game.Index);
        var rows = new PlayerCountRatingRow[game.MaxPlayers - game.MinPlayers + 1];
        for (var count = game.MinPlayers; count <= game.MaxPlayers; count++)
        {
            var soloPenalty = count == 1 && game.Mode != "solo" ? 0.4 : 0.0;
            var mean = 4.4 - 0.55 * Math.Abs(count - game.SweetSpot) - soloPenalty + random.Normal(0, 0.25);
            var votes = Math.Max(1, SyntheticRandom.RoundToInt(game.RatingVoteCount * random.Uniform(0.05, 0.2)));
            decimal? deviation = votes >= 2 ? Round2(random.Uniform(0.5, 1.2)) : null;
            rows[count - game.MinPlayers] = new PlayerCountRatingRow(count, Round2(SyntheticRandom.Clamp(mean, 1, 5)), votes, deviation);
        }
        return rows;
    }

    /// <summary>Counts rated at least 4.0 (top) and at least 3.0 (recommended).</summary>
    public static (int[] Top, int[] Recommended) DerivedPlayerCounts(PlayerCountRatingRow[] rows) =>
        ([.. rows.Where(r => r.AverageRating >= 4.0m).Select(r => r.PlayerCount)],
         [.. rows.Where(r => r.AverageRating >= 3.0m).Select(r => r.PlayerCount)]);

    /// <summary>
    /// Four levels around the publisher's midpoint. The profile's multipliers are
    /// median[level] / median[experienced] when every level has enough reports, else null (the
    /// API falls back to the spec's defaults 1.50/1.25/1.0/0.85).
    /// </summary>
    public static (ExperiencePlaytimeRow[] Rows, ExperienceProfile Profile) ExperiencePlaytime(int seed, SyntheticGame game)
    {
        var random = SyntheticRandom.For(seed, RandomStream.Polls, -1 - (long)game.Index);
        var experienced = Math.Max(5, SyntheticCatalog.RoundTo5((game.MinPlaytime + game.MaxPlaytime) / 2.0 * random.Uniform(0.9, 1.1)));
        var reports = Math.Max(3, SyntheticRandom.RoundToInt(game.RatingVoteCount * random.Uniform(0.1, 0.3)));
        var rows = new ExperiencePlaytimeRow[Levels.Length];
        for (var i = 0; i < Levels.Length; i++)
        {
            var (level, low, high, share) = Levels[i];
            var median = i == 2 ? experienced : Math.Max(1, SyntheticRandom.RoundToInt(experienced * random.Uniform(low, high)));
            rows[i] = new ExperiencePlaytimeRow(
                level, median,
                SyntheticRandom.RoundToInt(median * random.Uniform(0.65, 0.8)),
                SyntheticRandom.RoundToInt(median * random.Uniform(1.25, 1.6)),
                Math.Max(1, SyntheticRandom.RoundToInt(reports * share * random.Uniform(0.8, 1.2))));
        }
        var sufficient = rows.All(r => r.ReportCount >= SufficientReportsPerLevel);
        decimal? Multiplier(int i) => sufficient ? Math.Round((decimal)rows[i].MedianMinutes / experienced, 2, MidpointRounding.AwayFromZero) : null;
        var profile = new ExperienceProfile(sufficient, Multiplier(0), Multiplier(1), 1.00m, Multiplier(3), rows.Sum(r => r.ReportCount));
        return (rows, profile);
    }

    private static decimal Round2(double value) => Math.Round((decimal)value, 2, MidpointRounding.AwayFromZero);
}
