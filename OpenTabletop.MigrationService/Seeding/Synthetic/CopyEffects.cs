using NpgsqlTypes;

namespace OpenTabletop.MigrationService.Seeding.Synthetic;

internal static class CopyEffects
{
    public static async Task CopyExpansionEffectsAsync(this SyntheticLoad load, CancellationToken ct)
    {
        var all = load.Catalog.Games;
        var games = load.Catalog.InIdOrder();
        // Add-ons' deltas on their parent, then integrating standalones' deltas on the game they integrate with.
        var rows = games.Where(g => g.Modification is not null && g.Parent >= 0)
            .Select(g => (Expansion: g, Base: all[g.Parent], Modification: g.Modification!))
            .Concat(games.Where(g => g.IntegratesWith >= 0)
                .Select(g => (Expansion: g, Base: all[g.IntegratesWith],
                    Modification: SyntheticEffects.IntegrationFor(g, all[g.IntegratesWith], SyntheticRandom.For(load.Catalog.Seed, RandomStream.Integrations, g.Index))))
                .Where(r => r.Modification is not null)
                .Select(r => (r.Expansion, r.Base, Modification: r.Modification!)));
        await load.CopyAsync("property_modifications",
            "expansion_id, base_game_id, min_players_delta, max_players_delta, weight_delta, playtime_min_delta, " +
            "playtime_max_delta, best_at_delta, min_age_delta, description",
            rows, static (w, row) =>
            {
                var m = row.Modification;
                w.WriteUuid(row.Expansion.Id);
                w.WriteUuid(row.Base.Id);
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
