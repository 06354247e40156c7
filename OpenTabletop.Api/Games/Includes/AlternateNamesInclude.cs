namespace OpenTabletop.Api.Games.Includes;

/// <summary>alternate_names: by language (unknown last), the primary name of each language first.</summary>
internal static class AlternateNamesInclude
{
    public static IncludeLoad Create() => new ListIncludeLoad<AlternateNameResponse>(
        "SELECT game_id, name, language, is_primary, source FROM alternate_names " +
        "WHERE game_id = ANY($1) ORDER BY game_id, language NULLS LAST, is_primary DESC, name, id",
        row => (row.GetGuid(0), new AlternateNameResponse(
            row.GetString(1), row.IsDBNull(2) ? null : row.GetString(2), row.GetBoolean(3), row.IsDBNull(4) ? null : row.GetString(4))),
        (game, names) => game with { AlternateNames = names });
}
