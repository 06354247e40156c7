using System.Diagnostics;

namespace OpenTabletop.Bench;

/// <summary>Something the workers drive: the API over HTTP, or the database directly.</summary>
internal interface ILoadTarget
{
    /// <summary>What one worker holds for the whole phase (its HTTP client share, its own connection).</summary>
    Task<ILoadWorker> OpenWorkerAsync(CancellationToken ct);
}

internal interface ILoadWorker : IAsyncDisposable
{
    /// <summary>Runs request number <paramref name="sequence"/> of the mix; null when it succeeded, else what went wrong.</summary>
    Task<string?> RunAsync(long sequence, CancellationToken ct);
}

/// <summary>
/// The limits of one phase: this many concurrent workers for this long, and no more requests than
/// this; its requests are the mix's from number <paramref name="FirstSequence"/> on.
/// </summary>
internal sealed record LoadShape(int Concurrency, TimeSpan Duration, long MaxRequests, long FirstSequence = 0);

/// <summary>
/// The closed-loop worker model shared by every phase: N workers, each issuing its next request as
/// soon as the previous one finished, until the duration is up or the request budget is spent.
/// Requests are numbered from one shared counter, so every target walks the mix in the same order.
/// </summary>
internal static class LoadRunner
{
    public static async Task<PhaseStats> RunAsync(ILoadTarget target, LoadShape shape, CancellationToken ct)
    {
        var workers = new List<ILoadWorker>();
        try
        {
            for (var i = 0; i < shape.Concurrency; i++) workers.Add(await target.OpenWorkerAsync(ct));

            long issued = 0;
            var started = Stopwatch.GetTimestamp();
            var deadline = started + (long)(shape.Duration.TotalSeconds * Stopwatch.Frequency);
            var runs = workers.Select(worker => Task.Run(async () =>
            {
                var record = new WorkerRecord();
                while (Stopwatch.GetTimestamp() < deadline && !ct.IsCancellationRequested)
                {
                    var number = Interlocked.Increment(ref issued) - 1;
                    if (number >= shape.MaxRequests) break;
                    var sequence = shape.FirstSequence + number;
                    var before = Stopwatch.GetTimestamp();
                    string? error;
                    try
                    {
                        error = await worker.RunAsync(sequence, ct);
                    }
                    catch (Exception e) when (!ct.IsCancellationRequested)
                    {
                        error = e.GetType().Name;
                    }
                    record.Add(Stopwatch.GetTimestamp() - before, error);
                }
                return record;
            }, ct)).ToList();
            var records = await Task.WhenAll(runs);
            return PhaseStats.From(records, Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            foreach (var worker in workers) await worker.DisposeAsync();
        }
    }
}

/// <summary>One worker's latencies (successes only, in Stopwatch ticks) and error counts.</summary>
internal sealed class WorkerRecord
{
    public List<long> Latencies { get; } = new(1 << 14);
    public Dictionary<string, long> Errors { get; } = [];

    public void Add(long ticks, string? error)
    {
        if (error is null) Latencies.Add(ticks);
        else Errors[error] = Errors.GetValueOrDefault(error) + 1;
    }
}

/// <summary>
/// What a phase measured. Requests counts every completed request, failed ones included, so
/// requests/s = completed / elapsed; the latency percentiles are over the successful requests only
/// (a fast error must not flatter them) and are null when none succeeded.
/// </summary>
internal sealed record PhaseStats(
    long Requests, long Errors, IReadOnlyDictionary<string, long> ErrorKinds, double ElapsedSeconds, double RequestsPerSecond,
    double? P50Ms, double? P95Ms, double? P99Ms, double? MaxMs, double? MeanMs)
{
    public static PhaseStats From(IReadOnlyList<WorkerRecord> records, TimeSpan elapsed)
    {
        var latencies = records.SelectMany(r => r.Latencies).ToArray();
        Array.Sort(latencies);
        var errorKinds = records.SelectMany(r => r.Errors)
            .GroupBy(e => e.Key)
            .ToDictionary(g => g.Key, g => g.Sum(e => e.Value));
        var errors = errorKinds.Values.Sum();
        var requests = latencies.Length + errors;
        double? Ms(double? ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        double? Percentile(double p) =>
            latencies.Length == 0 ? null : Ms(latencies[Math.Max(0, (int)Math.Ceiling(p / 100.0 * latencies.Length) - 1)]);
        return new PhaseStats(
            requests, errors, errorKinds, elapsed.TotalSeconds, requests / elapsed.TotalSeconds,
            Percentile(50), Percentile(95), Percentile(99),
            latencies.Length == 0 ? null : Ms(latencies[^1]),
            latencies.Length == 0 ? null : Ms(latencies.Average()));
    }

    /// <summary>The median of each figure over rounds (errors are summed: any error in any round counts).</summary>
    public static PhaseStats Median(IReadOnlyList<PhaseStats> rounds)
    {
        if (rounds.Count == 1) return rounds[0];
        var kinds = rounds.SelectMany(r => r.ErrorKinds).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value));
        return new PhaseStats(
            (long)Medians.Of(rounds.Select(r => (double?)r.Requests))!.Value,
            rounds.Sum(r => r.Errors), kinds,
            Medians.Of(rounds.Select(r => (double?)r.ElapsedSeconds))!.Value,
            Medians.Of(rounds.Select(r => (double?)r.RequestsPerSecond))!.Value,
            Medians.Of(rounds.Select(r => r.P50Ms)), Medians.Of(rounds.Select(r => r.P95Ms)), Medians.Of(rounds.Select(r => r.P99Ms)),
            Medians.Of(rounds.Select(r => r.MaxMs)), Medians.Of(rounds.Select(r => r.MeanMs)));
    }
}

internal static class Medians
{
    /// <summary>The median of the values present; null when there are none.</summary>
    public static double? Of(IEnumerable<double?> values)
    {
        var present = values.OfType<double>().Order().ToArray();
        if (present.Length == 0) return null;
        var middle = present.Length / 2;
        return present.Length % 2 == 1 ? present[middle] : (present[middle - 1] + present[middle]) / 2;
    }
}
