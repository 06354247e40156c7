using OpenTabletop.Api.People;

namespace OpenTabletop.Api.Games.Includes;

/// <summary>
/// designers (people credited as designer) and publishers, in the shapes of /v1/designers and
/// /v1/publishers. Ordered as credited (credit_order, publisher ordinal), then by name.
/// </summary>
internal static class PeopleInclude
{
    public static IncludeLoad Designers() => new ListIncludeLoad<DesignerResponse>(
        "SELECT d.*, c.game_id FROM (" + PeopleQueries.DesignersSql + ") AS d " +
        "JOIN game_credits c ON c.person_id = d.id AND c.role = 'designer' " +
        "WHERE c.game_id = ANY($1) ORDER BY c.game_id, c.credit_order, d.name, d.id",
        row => (row.GetGuid(row.GetOrdinal("game_id")), PeopleQueries.ReadDesigner(row)),
        (game, designers) => game with { Designers = designers });

    public static IncludeLoad Publishers() => new ListIncludeLoad<PublisherResponse>(
        "SELECT p.*, gp.game_id FROM (" + PeopleQueries.PublishersSql + ") AS p " +
        "JOIN game_publishers gp ON gp.publisher_id = p.id " +
        "WHERE gp.game_id = ANY($1) ORDER BY gp.game_id, gp.ordinal, p.name, p.id",
        row => (row.GetGuid(row.GetOrdinal("game_id")), PeopleQueries.ReadPublisher(row)),
        (game, publishers) => game with { Publishers = publishers });
}
