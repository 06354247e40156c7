using Npgsql;

namespace OpenTabletop.Data.Variants;

/// <summary>
/// Rebuilds <c>game_variants</c>, the precomputed input of effective-mode filtering. Run by the
/// seeder after it writes games and by the Materializer after a run; the delete and the insert share
/// one transaction, so readers see either the old variants or the new ones, never none.
/// </summary>
public static class EffectiveVariants
{
    private static readonly string InsertSql = LoadSql();

    /// <summary>Rebuilds the variants of <paramref name="games"/> (every game when null) in a transaction of its own.</summary>
    public static async Task<VariantRefresh> RefreshAsync(NpgsqlDataSource dataSource, IReadOnlyCollection<Guid>? games, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var result = await RefreshAsync(connection, games, ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// The same inside the caller's transaction (the seeders', the Materializer's run), which must be
    /// open: the scratch table lives until it commits. Rows that come
    /// out the same are left alone, so a refresh without new data writes nothing.
    /// </summary>
    public static async Task<VariantRefresh> RefreshAsync(NpgsqlConnection connection, IReadOnlyCollection<Guid>? games, CancellationToken ct)
    {
        object scope = games is null ? DBNull.Value : games.ToArray();
        const string inScope = "($1::uuid[] IS NULL OR game_id = ANY($1::uuid[]))";
        await using (var create = new NpgsqlCommand(
            // The planner's JIT costs seconds on a statement this size and saves nothing.
            "SET LOCAL jit = off; DROP TABLE IF EXISTS pg_temp.variants_fresh; " +
            "CREATE TEMP TABLE variants_fresh (LIKE game_variants INCLUDING DEFAULTS) ON COMMIT DROP", connection))
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        var total = await ExecuteAsync(connection, InsertSql, scope, ct);
        var deleted = await ExecuteAsync(connection,
            "DELETE FROM game_variants WHERE " + inScope + " AND (game_id, preference) IN (SELECT game_id, preference FROM " +
            "(SELECT * FROM game_variants WHERE " + inScope + " EXCEPT SELECT * FROM variants_fresh) AS stale)", scope, ct);
        var inserted = await ExecuteAsync(connection,
            "INSERT INTO game_variants SELECT * FROM (SELECT * FROM variants_fresh EXCEPT SELECT * FROM game_variants WHERE " + inScope + ") AS changed",
            scope, ct);
        return new VariantRefresh(total, deleted + inserted);
    }

    private static async Task<long> ExecuteAsync(NpgsqlConnection connection, string sql, object scope, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter { Value = scope, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid });
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Builds the variants of every game that has none (no base row): games written since the last
    /// refresh, or a whole catalogue that predates the table. Returns the rows written.
    /// </summary>
    public static async Task<long> RefreshMissingAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var find = dataSource.CreateCommand(
            "SELECT g.id FROM games g WHERE NOT EXISTS (SELECT 1 FROM game_variants v WHERE v.game_id = g.id AND v.preference = 0)");
        var missing = new List<Guid>();
        await using (var reader = await find.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) missing.Add(reader.GetGuid(0));
        }
        return missing.Count == 0 ? 0 : (await RefreshAsync(dataSource, missing, ct)).Total;
    }

    private static string LoadSql()
    {
        using var stream = typeof(EffectiveVariants).Assembly.GetManifestResourceStream("OpenTabletop.Data.Variants.refresh-variants.sql")
            ?? throw new InvalidOperationException("The embedded refresh-variants.sql is missing from OpenTabletop.Data.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>What a refresh did: the variants the games now have, and the rows it deleted or inserted to get there.</summary>
public sealed record VariantRefresh(long Total, long Changed);
