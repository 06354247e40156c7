using Npgsql;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Api.Games.Includes;

/// <summary>
/// effective_properties: the base game alone after its canonical edition's delta, exactly what
/// GET /games/{id}/effective-properties answers without <c>with</c>. Present for every game asked for.
/// </summary>
internal sealed class EffectivePropertiesInclude : IncludeLoad
{
    private readonly Dictionary<Guid, (Guid EditionId, EditionDelta? Delta)> canonical = [];

    public static IncludeLoad Create() => new EffectivePropertiesInclude();

    public override IReadOnlyList<string> Statements { get; } =
    [
        "SELECT e.game_id, e.id AS edition_id, d.edition_id IS NOT NULL AS has_delta, d.min_players_delta, d.max_players_delta, " +
        "d.weight_delta, d.playtime_min_delta, d.playtime_max_delta, d.best_at_delta " +
        "FROM game_editions e LEFT JOIN edition_deltas d ON d.edition_id = e.id " +
        "WHERE e.game_id = ANY($1) AND e.is_canonical",
    ];

    public override void ReadRow(int statement, NpgsqlDataReader row)
    {
        var gameId = row.GetGuid(0);
        var editionId = row.GetGuid(1);
        // Only the fields resolution reads; the descriptive texts stay on the editions endpoint.
        var delta = row.GetBoolean(2)
            ? new EditionDelta
            {
                EditionId = editionId,
                GameId = gameId,
                MinPlayersDelta = row.GetInt32(3),
                MaxPlayersDelta = row.GetInt32(4),
                WeightDelta = row.GetDecimal(5),
                PlaytimeMinDelta = row.GetInt32(6),
                PlaytimeMaxDelta = row.GetInt32(7),
                BestAtDelta = row.GetFieldValue<int[]>(8),
            }
            : null;
        canonical[gameId] = (editionId, delta);
    }

    public override GameResponse Apply(GameResponse game)
    {
        var edition = canonical.TryGetValue(game.Id, out var found) ? found : ((Guid EditionId, EditionDelta? Delta)?)null;
        return game with
        {
            EffectiveProperties = EffectivePropertiesBuilder.BaseOnly(EffectiveResolution.Published(game), edition?.EditionId, edition?.Delta),
        };
    }
}
