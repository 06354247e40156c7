namespace OpenTabletop.MigrationService.Seeding.Synthetic;

internal static class CopyPolls
{
    public static async Task CopyPollsAsync(this SyntheticLoad load, CancellationToken ct)
    {
        var seed = load.Seed;
        var games = load.Catalog.InIdOrder();
        await load.CopyAsync("player_count_ratings", "game_id, player_count, average_rating, rating_count, rating_stddev",
            games.SelectMany(g => SyntheticPolls.PlayerCountRatings(seed, g).Select(r => (g.Id, Row: r))), static (w, x) =>
            {
                w.WriteUuid(x.Id);
                w.WriteInt(x.Row.PlayerCount);
                w.WriteNumeric(x.Row.AverageRating);
                w.WriteInt(x.Row.RatingCount);
                w.WriteNumeric(x.Row.RatingStddev);
            }, ct);

        var withExperience = games.Where(g => g.HasExperiencePlaytime);
        await load.CopyAsync("experience_playtime", "game_id, experience_level, median_minutes, p10_minutes, p90_minutes, report_count",
            withExperience.SelectMany(g => SyntheticPolls.ExperiencePlaytime(seed, g).Rows.Select(r => (g.Id, Row: r))), static (w, x) =>
            {
                w.WriteUuid(x.Id);
                w.WriteText(x.Row.Level);
                w.WriteInt(x.Row.MedianMinutes);
                w.WriteInt(x.Row.P10Minutes);
                w.WriteInt(x.Row.P90Minutes);
                w.WriteInt(x.Row.ReportCount);
            }, ct);

        await load.CopyAsync("experience_playtime_profiles",
            "game_id, sufficient_data, multiplier_first_play, multiplier_learning, multiplier_experienced, multiplier_expert, total_reports",
            withExperience.Select(g => (g.Id, SyntheticPolls.ExperiencePlaytime(seed, g).Profile)), static (w, x) =>
            {
                w.WriteUuid(x.Id);
                w.WriteBoolean(x.Profile.SufficientData);
                w.WriteNumeric(x.Profile.FirstPlay);
                w.WriteNumeric(x.Profile.Learning);
                w.WriteNumeric(x.Profile.Experienced);
                w.WriteNumeric(x.Profile.Expert);
                w.WriteInt(x.Profile.TotalReports);
            }, ct);
    }
}
