namespace OpenTabletop.Api.Games.Expansions;

/// <summary>
/// Which games count as a base game's expansions: add-on types (expansion, promo, standalone
/// expansion) that name it as parent, or that it links to by an expands, integrates_with or
/// reimplements relationship (a standalone expansion usually has no parent but is linked).
/// One definition shared by the expansions endpoint, the expansions include and the Game links.
/// </summary>
internal static class ExpansionMembership
{
    public static readonly string[] Types = ["expansion", "promo", "standalone_expansion"];

    /// <summary>SQL predicate: game <paramref name="game"/> (an alias) is an active expansion of <paramref name="baseId"/> (an SQL expression).</summary>
    public static string Predicate(string game, string baseId) =>
        $"{game}.status = 'active' AND {game}.type IN ('expansion', 'promo', 'standalone_expansion') AND {game}.id <> {baseId} " +
        $"AND ({game}.parent_game_id = {baseId} OR EXISTS (SELECT 1 FROM game_relationships r " +
        $"WHERE r.source_game_id = {baseId} AND r.target_game_id = {game}.id " +
        "AND r.relationship_type IN ('expands', 'integrates_with', 'reimplements')))";
}
