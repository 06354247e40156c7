using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;

namespace OpenTabletop.Api.Games.Listing.InMemory;

/// <summary>
/// The Api's current <see cref="GameIndexSnapshot"/>, if any, and the requests to reload it. Pages
/// are answered from it only while the database's generation equals the snapshot's (checked on
/// every page, see <see cref="GameIndexPages"/>); otherwise SQL answers and a reload is asked for.
/// </summary>
internal sealed class GameIndex : IDisposable
{
    public const string MeterName = "OpenTabletop.Api.GameIndex";

    private readonly Channel<bool> _reloads = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _pages;
    private readonly Counter<long> _searches;
    private readonly Histogram<double> _loadSeconds;
    private GameIndexSnapshot? _current;
    private long _servedFromMemory, _servedBySql, _searchesFromMemory;

    public GameIndex(bool enabled)
    {
        Enabled = enabled;
        _pages = _meter.CreateCounter<long>("opentabletop.game_index.pages", "{page}",
            "Game list pages, by how they were chosen (memory, or sql with the reason).");
        _searches = _meter.CreateCounter<long>("opentabletop.game_index.searches", "{search}",
            "Searches with games, by how their game names were found (memory, or sql with the reason).");
        _loadSeconds = _meter.CreateHistogram<double>("opentabletop.game_index.load.duration", "s", "Time to load a snapshot of the index.");
        _meter.CreateObservableGauge("opentabletop.game_index.generation", () => _current?.Generation ?? 0, description: "game_facets_generation of the loaded snapshot (0: none).");
        _meter.CreateObservableGauge("opentabletop.game_index.games", () => _current?.Count ?? 0, "{game}", "Active games in the loaded snapshot.");
        if (enabled) RequestReload();
    }

    public bool Enabled { get; }

    /// <summary>The loaded snapshot, or null before the first load (and always when disabled).</summary>
    public GameIndexSnapshot? Current => Volatile.Read(ref _current);

    /// <summary>Pages chosen in memory / by SQL since start (for tests and the logs).</summary>
    public long ServedFromMemory => Interlocked.Read(ref _servedFromMemory);
    public long ServedBySql => Interlocked.Read(ref _servedBySql);

    /// <summary>Searches whose game names were found in memory since start.</summary>
    public long SearchesFromMemory => Interlocked.Read(ref _searchesFromMemory);

    public void RequestReload()
    {
        if (Enabled) _reloads.Writer.TryWrite(true);
    }

    public ValueTask<bool> WaitForReloadRequestAsync(CancellationToken ct) => _reloads.Reader.WaitToReadAsync(ct);

    public bool TakeReloadRequest() => _reloads.Reader.TryRead(out _);

    public void Publish(GameIndexSnapshot snapshot, TimeSpan took)
    {
        Volatile.Write(ref _current, snapshot);
        _loadSeconds.Record(took.TotalSeconds);
    }

    public void CountMemory()
    {
        Interlocked.Increment(ref _servedFromMemory);
        _pages.Add(1, new KeyValuePair<string, object?>("path", "memory"));
    }

    /// <summary>A page SQL answered: <paramref name="reason"/> is disabled, loading, filter, cursor or stale.</summary>
    public void CountSql(string reason)
    {
        Interlocked.Increment(ref _servedBySql);
        _pages.Add(1, new KeyValuePair<string, object?>("path", "sql"), new KeyValuePair<string, object?>("reason", reason));
    }

    /// <summary>A search whose game names were found in memory (<paramref name="reason"/> null) or by SQL, and why.</summary>
    public void CountSearch(string? reason)
    {
        if (reason is null)
        {
            Interlocked.Increment(ref _searchesFromMemory);
            _searches.Add(1, new KeyValuePair<string, object?>("path", "memory"));
        }
        else _searches.Add(1, new KeyValuePair<string, object?>("path", "sql"), new KeyValuePair<string, object?>("reason", reason));
    }

    public void Dispose() => _meter.Dispose();
}

/// <summary>
/// Loads the index at start and again whenever a page finds it stale, one load at a time; a failed
/// load is logged and retried on the next request for one (SQL answers meanwhile).
/// </summary>
internal sealed partial class GameIndexLoadService(GameIndex index, Npgsql.NpgsqlDataSource dataSource, ILogger<GameIndexLoadService> logger)
    : BackgroundService
{
    /// <summary>Bounds how often a stream of writes can make the Api reload (each load reads every active game).</summary>
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!index.Enabled) return;
        try
        {
            while (await index.WaitForReloadRequestAsync(stoppingToken))
            {
                index.TakeReloadRequest();
                var watch = Stopwatch.StartNew();
                try
                {
                    var snapshot = await GameIndexLoader.LoadAsync(dataSource, stoppingToken);
                    index.Publish(snapshot, watch.Elapsed);
                    Loaded(snapshot.Generation, snapshot.Count, snapshot.Variants.Count, watch.ElapsedMilliseconds);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LoadFailed(e);
                }
                await Task.Delay(MinimumInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(LogLevel.Information, "Game index loaded: generation {Generation}, {Games} active games, {Variants} variants in {Milliseconds} ms.")]
    private partial void Loaded(long generation, int games, int variants, long milliseconds);

    [LoggerMessage(LogLevel.Warning, "Game index load failed; game lists are answered by SQL until a later load succeeds.")]
    private partial void LoadFailed(Exception e);
}
