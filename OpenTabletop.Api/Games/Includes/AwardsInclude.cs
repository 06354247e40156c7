using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Games.Includes;

/// <summary>awards: by year, then award name and category.</summary>
internal static class AwardsInclude
{
    public static IncludeLoad Create() => new ListIncludeLoad<GameAwardResponse>(
        "SELECT ga.game_id, ga.award_id, ga.year, ga.result, ga.category, a.slug, a.name, g.slug AS game_slug, g.name AS game_name " +
        "FROM game_awards ga JOIN awards a ON a.id = ga.award_id JOIN games g ON g.id = ga.game_id " +
        "WHERE ga.game_id = ANY($1) ORDER BY ga.game_id, ga.year, a.name, ga.category NULLS FIRST, ga.id",
        row => (row.GetGuid(0), new GameAwardResponse(
            row.GetGuid(0), row.GetGuid(1), row.GetInt32(2), row.GetString(3), row.IsDBNull(4) ? null : row.GetString(4),
            new Dictionary<string, Link>
            {
                // GameAward carries only the award's id; the link's title gives its name. /awards is ADR-0042's route.
                ["award"] = new($"{GameLinks.Root}/awards/{row.GetString(5)}", row.GetString(6)),
                ["game"] = new($"{GameLinks.Root}/games/{row.GetString(7)}", row.GetString(8)),
            })),
        (game, awards) => game with { Awards = awards });
}
