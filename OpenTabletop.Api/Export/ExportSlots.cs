namespace OpenTabletop.Api.Export;

/// <summary>
/// EXPORT_MAX_CONCURRENT exports per replica: each holds a pooled connection while its client reads,
/// so past the limit a request is refused (503 with Retry-After) rather than left to starve the pool.
/// </summary>
internal sealed class ExportSlots(ExportSettings settings) : IDisposable
{
    /// <summary>What a refused caller is told to wait: exports of a few seconds free slots quickly.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _free = new(settings.MaxConcurrent, settings.MaxConcurrent);

    /// <summary>A slot, released by disposing it; null when every slot is taken.</summary>
    public IDisposable? TryTake() => _free.Wait(0) ? new Slot(_free) : null;

    public void Dispose() => _free.Dispose();

    private sealed class Slot(SemaphoreSlim free) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) free.Release();
        }
    }
}
