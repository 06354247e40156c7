using NpgsqlTypes;

namespace OpenTabletop.MigrationService.Seeding.Synthetic;

internal static class CopyEffects
{
    public static async Task CopyExpansionEffectsAsync(this SyntheticLoad load, CancellationToken ct)
    {
        var all = load.Catalog.Games;
        var games = load.Catalog.InIdOrder();
        await load.CopyAsync("property_modifications",
            "expansion_id, base_game_id, min_players_delta, max_players_delta, weight_delta, playtime_min_delta, " +
            "playtime_max_delta, best_at_delta, min_age_delta, description",
            games.Where(g => g.Modification is not null && g.Parent >= 0), (w, game) =>
            {
                var m = game.Modification!;
                w.WriteUuid(game.Id);
                w.WriteUuid(all[game.Parent].Id);
                w.WriteInt(m.MinPlayersDelta);
                w.WriteInt(m.MaxPlayersDelta);
                w.WriteNumeric(m.WeightDelta);
                w.WriteInt(m.PlaytimeMinDelta);
                w.WriteInt(m.PlaytimeMaxDelta);
                w.WriteIntArray(m.BestAtDelta);
                w.WriteInt(m.MinAgeDelta);
                w.WriteText(m.Description);
            }, ct);

        await load.CopyAsync("expansion_combinations",
            "id, base_game_id, expansion_ids, source, effective_min_players, effective_max_players, effective_best_at, " +
            "effective_recommended_at, effective_weight, effective_playtime_min, effective_playtime_max, effective_min_age",
            games.SelectMany(g => SyntheticEffects.CombinationsFor(load.Catalog, g)), static (w, c) =>
            {
                w.WriteUuid(c.Id);
                w.WriteUuid(c.BaseGameId);
                w.Write(c.ExpansionIds, NpgsqlDbType.Array | NpgsqlDbType.Uuid);
                w.WriteText(c.Source);
                w.WriteInt(c.MinPlayers);
                w.WriteInt(c.MaxPlayers);
                w.WriteIntArray(c.BestAt);
                w.WriteIntArray(c.RecommendedAt);
                w.WriteNumeric(c.Weight);
                w.WriteInt(c.PlaytimeMin);
                w.WriteInt(c.PlaytimeMax);
                w.WriteInt(c.MinAge);
            }, ct);
    }
}
