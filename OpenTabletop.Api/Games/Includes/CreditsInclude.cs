using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Games.Includes;

/// <summary>
/// credits: the extended roles only. The spec's GameCredit is "extended credits beyond designers and
/// artists" and its role enum leaves both out; designers have include=designers, artists are on editions.
/// </summary>
internal static class CreditsInclude
{
    public static IncludeLoad Create() => new ListIncludeLoad<GameCreditResponse>(
        "SELECT c.game_id, c.person_id, c.role, p.name, p.slug, g.slug AS game_slug, g.name AS game_name " +
        "FROM game_credits c JOIN people p ON p.id = c.person_id JOIN games g ON g.id = c.game_id " +
        "WHERE c.game_id = ANY($1) AND c.role NOT IN ('designer', 'artist') " +
        "ORDER BY c.game_id, c.credit_order, c.role, p.name, p.id",
        row => (row.GetGuid(0), new GameCreditResponse(
            row.GetGuid(0), row.GetGuid(1), row.GetString(2), row.GetString(3), row.GetString(4),
            new Dictionary<string, Link> { ["game"] = new($"{GameLinks.Root}/games/{row.GetString(5)}", row.GetString(6)) })),
        (game, credits) => game with { Credits = credits });
}
