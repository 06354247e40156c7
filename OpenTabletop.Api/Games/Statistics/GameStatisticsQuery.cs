using Npgsql;

namespace OpenTabletop.Api.Games.Statistics;

/// <summary>
/// One round trip per game statistic: a batch that finds the game by its path identifier (UUID first,
/// else slug, as every game route) and reads the statistic for it, the statistic's SQL naming the game
/// as <c>{game}</c> (a scalar subquery on the same key). Values are positional: <c>$1</c> is the
/// identifier, the statistic's own values follow from <c>$2</c>.
/// </summary>
internal static class GameStatisticsQuery
{
    /// <summary>
    /// The game and what <paramref name="read"/> made of the statistic's rows, or a null game (then
    /// nothing was read) for an identifier that names no game.
    /// </summary>
    public static async Task<(GameSummaryResponse? Game, T? Result)> RunAsync<T>(
        NpgsqlDataSource dataSource, string idOrSlug, string sql, IReadOnlyList<object> values,
        Func<NpgsqlDataReader, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        var (column, key) = Guid.TryParse(idOrSlug, out var id) ? ("id", (object)id) : ("slug", idOrSlug);
        await using var batch = dataSource.CreateBatch();
        var game = new NpgsqlBatchCommand($"SELECT id, slug, name FROM games WHERE {column} = $1");
        game.Parameters.Add(new NpgsqlParameter { Value = key });
        batch.BatchCommands.Add(game);
        var statistic = new NpgsqlBatchCommand(sql.Replace("{game}", $"(SELECT id FROM games WHERE {column} = $1)", StringComparison.Ordinal));
        statistic.Parameters.Add(new NpgsqlParameter { Value = key });
        foreach (var value in values) statistic.Parameters.Add(new NpgsqlParameter { Value = value });
        batch.BatchCommands.Add(statistic);

        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return (null, default);
        var summary = new GameSummaryResponse(reader.GetGuid(0), reader.GetString(1), reader.GetString(2));
        await reader.NextResultAsync(ct);
        return (summary, await read(reader, ct));
    }
}
