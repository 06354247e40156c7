using Npgsql;
using OpenTabletop.Data.Materialization;

namespace OpenTabletop.Materializer.Scheduling;

/// <summary>
/// LISTENs on <see cref="MaterializationRequests.Channel"/> on a connection of its own, so that a
/// request made through the Api wakes the worker at once. The worker polls as well; when the
/// connection breaks, waiting falls back to a plain delay and the next wait listens again.
/// </summary>
internal sealed class RequestListener(NpgsqlDataSource dataSource, ILogger logger) : IAsyncDisposable
{
    private NpgsqlConnection? _connection;

    /// <summary>Waits until a request is notified or <paramref name="timeout"/> passes; true when notified.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (timeout <= TimeSpan.Zero) return false;
        try
        {
            var connection = await ListeningAsync(ct);
            return await connection.WaitAsync(timeout, ct);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Listening for materialization requests failed ({Reason}); polling until it works again.", e.Message);
            await DropAsync();
            await Task.Delay(timeout, ct);
            return false;
        }
    }

    private async Task<NpgsqlConnection> ListeningAsync(CancellationToken ct)
    {
        if (_connection is { State: System.Data.ConnectionState.Open }) return _connection;
        await DropAsync();
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            // The channel is a constant; LISTEN takes no parameters.
            await using var listen = new NpgsqlCommand($"LISTEN {MaterializationRequests.Channel}", connection);
            await listen.ExecuteNonQueryAsync(ct);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        _connection = connection;
        return connection;
    }

    private async Task DropAsync()
    {
        if (_connection is null) return;
        await _connection.DisposeAsync();
        _connection = null;
    }

    public async ValueTask DisposeAsync() => await DropAsync();
}
