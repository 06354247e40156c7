using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace OpenTabletop.MigrationService.Seeding;

/// <summary>
/// One table's idempotent upsert: every row travels in a single jsonb parameter, expanded by
/// <c>jsonb_to_recordset</c>, so a table costs one statement whatever its row count and no value
/// is ever spliced into SQL (table and column names are compile-time constants).
/// A conflicting row is rewritten only when some column differs, so rerunning a seed reports
/// zero affected rows and leaves every row untouched.
/// </summary>
internal sealed class JsonRowsUpsert
{
    private static readonly JsonSerializerOptions RowJson = new(JsonSerializerDefaults.General);

    public JsonRowsUpsert(string table, string[] keys, params (string Name, string Type)[] columns)
    {
        ArgumentOutOfRangeException.ThrowIfZero(keys.Length);
        Table = table;
        var names = columns.Select(c => c.Name).ToArray();
        var missingKeys = keys.Except(names).ToArray();
        if (missingKeys.Length > 0)
        {
            throw new ArgumentException($"Key columns {string.Join(", ", missingKeys)} are not among the columns of {table}.", nameof(keys));
        }

        var columnList = string.Join(", ", names);
        var recordType = string.Join(", ", columns.Select(c => $"{c.Name} {c.Type}"));
        var updated = names.Except(keys).ToArray();
        var onConflict = updated.Length == 0
            ? "DO NOTHING"
            : $"""
               DO UPDATE SET {string.Join(", ", updated.Select(c => $"{c} = EXCLUDED.{c}"))}
               WHERE ROW({string.Join(", ", updated.Select(c => $"t.{c}"))}) IS DISTINCT FROM ROW({string.Join(", ", updated.Select(c => $"EXCLUDED.{c}"))})
               """;
        Sql = $"""
               INSERT INTO {table} AS t ({columnList})
               SELECT {columnList} FROM jsonb_to_recordset($1) AS r({recordType})
               ON CONFLICT ({string.Join(", ", keys)}) {onConflict}
               """;
    }

    public string Table { get; }

    public string Sql { get; }

    /// <summary>A batch command upserting <paramref name="rows"/>; property names must equal the column names.</summary>
    public NpgsqlBatchCommand Command<TRow>(IEnumerable<TRow> rows) => WithRows(Sql, rows);

    /// <summary>Any statement whose single parameter <c>$1</c> is a jsonb array of rows.</summary>
    public static NpgsqlBatchCommand WithRows<TRow>(string sql, IEnumerable<TRow> rows)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Jsonb,
            Value = JsonSerializer.Serialize(rows.ToList(), RowJson),
        });
        return command;
    }

    /// <summary>Runs <paramref name="commands"/> in one round trip inside <paramref name="transaction"/>.</summary>
    public static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<NpgsqlBatchCommand> commands, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(ct);
    }
}
