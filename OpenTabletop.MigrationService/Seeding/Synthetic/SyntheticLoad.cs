using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace OpenTabletop.MigrationService.Seeding.Synthetic;

/// <summary>One load in progress: the open connection (inside the load's transaction), the plan, and row counts per table.</summary>
internal sealed class SyntheticLoad(NpgsqlConnection connection, SyntheticCatalog catalog, GameTerms[] terms, ILogger logger)
{
    public NpgsqlConnection Connection { get; } = connection;
    public SyntheticCatalog Catalog { get; } = catalog;
    public int Seed => Catalog.Seed;

    /// <summary>Taxonomy links per game index, computed once with the aggregates.</summary>
    public GameTerms[] Terms { get; } = terms;

    public SortedDictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);

    public async Task CopyAsync<T>(
        string table, string columns, IEnumerable<T> rows, Action<Npgsql.NpgsqlBinaryImporter, T> writeRow, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var count = await BinaryCopy.WriteAsync(Connection, table, columns, rows, writeRow, ct);
        Counts[table] = Counts.GetValueOrDefault(table) + count;
        logger.LogInformation("Synthetic seed: copied {Rows} rows into {Table} in {Elapsed:F1} s",
            count, table, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}
