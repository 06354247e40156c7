using Microsoft.Extensions.Logging;
using Npgsql;

namespace OpenTabletop.Data.ReadReplica;

/// <summary>
/// Where the reads that may be a little stale go (the export, the trends, the histories): the read
/// replica when one is configured, the primary otherwise. A read the replica cannot serve (see
/// <see cref="ReplicaFailures"/>) runs again on the primary, so a replica outage never fails a request;
/// after such a failure the replica is left alone for <see cref="CoolDown"/>, so an outage costs one
/// failed attempt per period instead of one per request (and a blackholed replica one connect timeout).
/// Reads are idempotent, which is what makes running one again safe.
/// </summary>
public sealed partial class ReadSource : IAsyncDisposable
{
    public static readonly TimeSpan CoolDown = TimeSpan.FromSeconds(15);

    /// <summary>At most one warning per this period while the replica stays unusable; the metric counts every fallback.</summary>
    private static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

    private readonly NpgsqlDataSource _primary;
    private readonly NpgsqlDataSource? _replica;
    private readonly ILogger<ReadSource> _logger;

    /// <summary>Environment.TickCount64 until which reads skip the replica.</summary>
    private long _skipUntil;

    private long _lastWarning;
    private int _failing;

    /// <param name="replica">Owned: disposed with this.</param>
    public ReadSource(NpgsqlDataSource primary, NpgsqlDataSource? replica, ILogger<ReadSource> logger)
    {
        _primary = primary;
        _replica = replica;
        _logger = logger;
    }

    /// <summary>The replica's data source, null without one (for its health check).</summary>
    public NpgsqlDataSource? Replica => _replica;

    /// <summary>
    /// Runs <paramref name="read"/> on the replica, or on the primary when there is none, it failed
    /// recently, or it fails now. <paramref name="read"/> must leave nothing open when it throws.
    /// </summary>
    public async Task<T> ReadAsync<T>(Func<NpgsqlDataSource, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        if (_replica is null) return await read(_primary, ct);
        if (Environment.TickCount64 < Volatile.Read(ref _skipUntil))
        {
            ReplicaMetrics.Fallback(ReplicaMetrics.CoolingDown);
            return await read(_primary, ct);
        }

        T result;
        try
        {
            result = await read(_replica, ct);
        }
        catch (Exception e) when (ReplicaFailures.CannotServe(e) && !ct.IsCancellationRequested)
        {
            Failed(e);
            ReplicaMetrics.Fallback(ReplicaMetrics.Unreachable);
            return await read(_primary, ct);
        }
        if (Volatile.Read(ref _failing) == 1 && Interlocked.Exchange(ref _failing, 0) == 1) Recovered(_logger);
        return result;
    }

    private void Failed(Exception e)
    {
        Volatile.Write(ref _skipUntil, Environment.TickCount64 + (long)CoolDown.TotalMilliseconds);
        Volatile.Write(ref _failing, 1);
        // A server that went away leaves every idle connection to it dead; each would fail one more read.
        _replica!.Clear();

        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastWarning);
        if ((last == 0 || now - last >= (long)WarningInterval.TotalMilliseconds) && Interlocked.CompareExchange(ref _lastWarning, now, last) == last)
        {
            Unusable(_logger, e, CoolDown.TotalSeconds);
        }
        else
        {
            StillUnusable(_logger, e.Message);
        }
    }

    public ValueTask DisposeAsync() => _replica?.DisposeAsync() ?? ValueTask.CompletedTask;

    [LoggerMessage(LogLevel.Warning, "The read replica cannot serve reads; the primary serves them, and the replica is tried again in {Seconds} s.")]
    private static partial void Unusable(ILogger logger, Exception e, double seconds);

    [LoggerMessage(LogLevel.Debug, "The read replica still cannot serve reads: {Reason}")]
    private static partial void StillUnusable(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Information, "The read replica serves reads again.")]
    private static partial void Recovered(ILogger logger);
}
