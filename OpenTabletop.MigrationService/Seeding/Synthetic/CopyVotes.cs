using NpgsqlTypes;

namespace OpenTabletop.MigrationService.Seeding.Synthetic;

/// <summary>The raw Tier-1 tables: millions of rows, generated game by game while they stream.</summary>
internal static class CopyVotes
{
    public static async Task CopyVotesAndPlaysAsync(this SyntheticLoad load, CancellationToken ct)
    {
        var seed = load.Seed;
        var games = load.Catalog.InIdOrder();
        await load.CopyAsync("rating_votes", "id, game_id, rating, declared_scale, play_count, experience_level, created_at",
            games.SelectMany(g => SyntheticVotes.RatingVotes(seed, g).Select(v => (g.Id, Vote: v))), static (w, x) =>
            {
                w.WriteUuid(x.Vote.Id);
                w.WriteUuid(x.Id);
                w.WriteNumeric(x.Vote.Rating);
                w.WriteSmallint(x.Vote.DeclaredScale);
                w.WriteInt(x.Vote.PlayCount);
                w.WriteText(x.Vote.ExperienceLevel);
                w.WriteTimestamp(x.Vote.CreatedAt);
            }, ct);

        await load.CopyAsync("weight_votes", "id, game_id, weight, created_at",
            games.SelectMany(g => SyntheticVotes.WeightVotes(seed, g).Select(v => (g.Id, Vote: v))), static (w, x) =>
            {
                w.WriteUuid(x.Vote.Id);
                w.WriteUuid(x.Id);
                w.WriteNumeric(x.Vote.Weight);
                w.WriteTimestamp(x.Vote.CreatedAt);
            }, ct);

        await load.CopyAsync("play_logs", "id, game_id, duration_minutes, player_count, experience_level, is_campaign, played_at, created_at",
            games.SelectMany(g => SyntheticVotes.PlayLogs(seed, g).Select(v => (g.Id, Log: v))), static (w, x) =>
            {
                w.WriteUuid(x.Log.Id);
                w.WriteUuid(x.Id);
                w.WriteInt(x.Log.DurationMinutes);
                w.WriteInt(x.Log.PlayerCount);
                w.WriteText(x.Log.ExperienceLevel);
                w.WriteBoolean(x.Log.IsCampaign);
                w.Write(x.Log.PlayedAt, NpgsqlDbType.Date);
                w.WriteTimestamp(x.Log.CreatedAt);
            }, ct);
    }
}
