using Npgsql;

namespace OpenTabletop.Bench;

/// <summary>
/// What the query mix draws from, read from the seeded database in a fixed order so that the same
/// seed over the same data gives the same requests.
/// </summary>
internal sealed record Catalogue(
    IReadOnlyList<string> Slugs, IReadOnlyList<string> BaseGameNames, IReadOnlyList<string> MechanicsByUse, long ActiveGames, long AllGames)
{
    public static async Task<Catalogue> LoadAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var slugs = await ColumnAsync(dataSource, "SELECT slug FROM games WHERE status = 'active' ORDER BY slug", ct);
        var names = await ColumnAsync(dataSource, "SELECT name FROM games WHERE status = 'active' AND type = 'base_game' ORDER BY slug", ct);
        var mechanics = await ColumnAsync(dataSource,
            "SELECT m.slug FROM mechanics m JOIN game_mechanics gm ON gm.mechanic_id = m.id GROUP BY m.slug ORDER BY count(*) DESC, m.slug", ct);
        await using var count = dataSource.CreateCommand("SELECT count(*) FILTER (WHERE status = 'active'), count(*) FROM games");
        await using var reader = await count.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new Catalogue(slugs, names, mechanics, reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task<List<string>> ColumnAsync(NpgsqlDataSource dataSource, string sql, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var values = new List<string>();
        while (await reader.ReadAsync(ct)) values.Add(reader.GetString(0));
        return values;
    }
}
