using Npgsql;
using NpgsqlTypes;

namespace OpenTabletop.MigrationService.Seeding.Synthetic;

/// <summary>Streams rows into one table with PostgreSQL binary COPY.</summary>
internal static class BinaryCopy
{
    /// <summary>COPY waits for the server at the end (index maintenance, constraint checks); allow for it.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Writes <paramref name="rows"/> lazily. Field writes are synchronous: they only fill Npgsql's
    /// buffer and block briefly when it flushes, which is far cheaper than an await per field.
    /// </summary>
    public static async Task<long> WriteAsync<T>(
        NpgsqlConnection connection, string table, string columns, IEnumerable<T> rows,
        Action<NpgsqlBinaryImporter, T> writeRow, CancellationToken ct)
    {
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)", ct);
        importer.Timeout = Timeout;
        long count = 0;
        foreach (var row in rows)
        {
            if ((count & 0x3FFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
            importer.StartRow();
            writeRow(importer, row);
            count++;
        }
        await importer.CompleteAsync(ct);
        return count;
    }
}

internal static class ImporterExtensions
{
    public static void WriteUuid(this NpgsqlBinaryImporter importer, Guid value) => importer.Write(value, NpgsqlDbType.Uuid);

    public static void WriteUuid(this NpgsqlBinaryImporter importer, Guid? value)
    {
        if (value is { } id)
        {
            importer.Write(id, NpgsqlDbType.Uuid);
        }
        else
        {
            importer.WriteNull();
        }
    }

    public static void WriteText(this NpgsqlBinaryImporter importer, string? value)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, NpgsqlDbType.Text);
        }
    }

    public static void WriteInt(this NpgsqlBinaryImporter importer, int value) => importer.Write(value, NpgsqlDbType.Integer);

    public static void WriteInt(this NpgsqlBinaryImporter importer, int? value)
    {
        if (value is { } number)
        {
            importer.Write(number, NpgsqlDbType.Integer);
        }
        else
        {
            importer.WriteNull();
        }
    }

    public static void WriteSmallint(this NpgsqlBinaryImporter importer, short? value)
    {
        if (value is { } number)
        {
            importer.Write(number, NpgsqlDbType.Smallint);
        }
        else
        {
            importer.WriteNull();
        }
    }

    public static void WriteNumeric(this NpgsqlBinaryImporter importer, decimal? value)
    {
        if (value is { } number)
        {
            importer.Write(number, NpgsqlDbType.Numeric);
        }
        else
        {
            importer.WriteNull();
        }
    }

    public static void WriteIntArray(this NpgsqlBinaryImporter importer, int[]? value)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, NpgsqlDbType.Array | NpgsqlDbType.Integer);
        }
    }

    public static void WriteTimestamp(this NpgsqlBinaryImporter importer, DateTime value) => importer.Write(value, NpgsqlDbType.TimestampTz);

    public static void WriteBoolean(this NpgsqlBinaryImporter importer, bool value) => importer.Write(value, NpgsqlDbType.Boolean);
}
