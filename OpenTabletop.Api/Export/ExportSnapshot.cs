using System.Data;
using Npgsql;

namespace OpenTabletop.Api.Export;

/// <summary>
/// One REPEATABLE READ, READ ONLY transaction on its own connection: the count that goes in the
/// headers and the rows that follow read the same snapshot, so they agree whatever commits meanwhile.
/// Open for as long as the client reads.
/// </summary>
internal sealed class ExportSnapshot : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private NpgsqlCommand? _rows;
    private NpgsqlDataReader? _reader;
    private bool _complete;
    private bool _disposed;

    private ExportSnapshot(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>
    /// A snapshot with its count (<see cref="CountAsync"/>), or, when either fails, nothing left open: the
    /// unit that a read source runs again on the primary when the replica cannot serve it.
    /// </summary>
    public static async Task<(ExportSnapshot Snapshot, int Count, DateTime At)> CountedAsync(NpgsqlDataSource dataSource, ExportSql sql, CancellationToken ct)
    {
        var snapshot = await BeginAsync(dataSource, ct);
        try
        {
            var (count, at) = await snapshot.CountAsync(sql, ct);
            return (snapshot, count, at);
        }
        catch
        {
            await snapshot.DisposeAsync();
            throw;
        }
    }

    private static async Task<ExportSnapshot> BeginAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            return new ExportSnapshot(connection, await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The number of matching games (capped as the SQL says) and the snapshot's time. The count is the
    /// transaction's first read, so it is what fixes the snapshot; <c>now()</c> is the transaction's start.
    /// </summary>
    public async Task<(int Count, DateTime At)> CountAsync(ExportSql sql, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(_connection, _transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SET TRANSACTION READ ONLY"));
        var count = new NpgsqlBatchCommand(sql.CountSql);
        foreach (var value in sql.Values) count.Parameters.Add(new NpgsqlParameter { Value = value });
        batch.BatchCommands.Add(count);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt32(0), DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc));
    }

    /// <summary>
    /// The rows, streamed from the server as they are read: Npgsql holds one row at a time, and reads
    /// the next only when asked, so nothing is read ahead of the client. Not SequentialAccess: its
    /// column getters are synchronous, and whenever a row straddles Npgsql's 8 KB read buffer they
    /// block a thread-pool thread on the socket (measured: most of the export's CPU was that read);
    /// the default behaviour reads each row asynchronously in ReadAsync, and a game row is about a
    /// kilobyte, so one row in memory is all it costs.
    /// </summary>
    public async Task<NpgsqlDataReader> ReadRowsAsync(ExportSql sql, CancellationToken ct)
    {
        // A timeout bounds each wait for the server, not the whole export: the first wait includes the sort.
        _rows = new NpgsqlCommand(sql.RowsSql, _connection, _transaction) { CommandTimeout = 120 };
        foreach (var value in sql.Values) _rows.Parameters.Add(new NpgsqlParameter { Value = value });
        return _reader = await _rows.ExecuteReaderAsync(ct);
    }

    /// <summary>Every row has been read: disposing need not stop the query.</summary>
    public void Completed() => _complete = true;

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (_reader is not null)
        {
            // Closing a reader reads the rest of its rows; a client that hung up at row 10 of 100,000 would
            // have the server read the other 99,990 for nothing. Cancelling stops the query instead.
            if (!_complete) TryCancel();
            try
            {
                await _reader.DisposeAsync();
            }
            catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
            {
                // The cancellation's own error, or a connection already broken: the transaction goes either way.
            }
        }
        if (_rows is not null) await _rows.DisposeAsync();
        // Read only: disposing rolls back, which ends the snapshot; the connection returns to the pool.
        try
        {
            await _transaction.DisposeAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // A broken connection has no transaction left to roll back; the pool discards it.
        }
        await _connection.DisposeAsync();
    }

    private void TryCancel()
    {
        try
        {
            _rows?.Cancel();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            // Best effort: without it the reader drains the rows instead.
        }
    }
}
