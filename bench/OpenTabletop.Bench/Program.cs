using System.Globalization;
using Npgsql;
using OpenTabletop.Bench;

// Drives the fixed, seeded query mix against a running API and, side by side, the same SQL straight
// through Npgsql; bench/run.sh starts everything this needs. See bench/README.md.
if (args.Any(a => a is "--help" or "-h"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException or OverflowException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
if (options.ListOnly)
{
    foreach (var (name, title) in ScenarioBuilder.All) Console.WriteLine($"{name,-14} {title}");
    return 0;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var ct = cancel.Token;
var started = DateTimeOffset.UtcNow;

// The direct-SQL workers each hold a connection for a whole phase; EXPLAIN needs one more.
var connection = new NpgsqlConnectionStringBuilder(options.Db) { ApplicationName = "OpenTabletop.Bench" };
connection.MaxPoolSize = Math.Max(connection.MaxPoolSize, options.Concurrency + 2);
await using var dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
using var client = HttpTarget.CreateClient(options.Api!, options.Concurrency, TimeSpan.FromSeconds(options.TimeoutSeconds), options.ApiKey);

var shape = new LoadShape(options.Concurrency, TimeSpan.FromSeconds(options.DurationSeconds), options.MaxRequests);
try
{
    var machine = await MachineInfo.ReadAsync(dataSource, ct);
    var catalogue = await Catalogue.LoadAsync(dataSource, ct);
    Log($"{catalogue.ActiveGames:N0} active games; preparing {string.Join(", ", options.Scenarios)}");

    // The Api chooses list pages on its in-memory index unless GAME_INDEX=off (it inherits this
    // environment from run.sh): the direct SQL is then the statements of a page chosen that way.
    var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
    var loading = System.Diagnostics.Stopwatch.StartNew();
    var index = string.Equals(Environment.GetEnvironmentVariable("GAME_INDEX")?.Trim(), "off", StringComparison.OrdinalIgnoreCase)
        ? null
        : await OpenTabletop.Api.Games.Listing.InMemory.GameIndexLoader.LoadAsync(dataSource, ct);
    loading.Stop();
    // The same load as the Api's: its time and the heap it holds are the Api's cost of the index.
    var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
    Log(index is null ? "GAME_INDEX=off: list pages by SQL alone" : string.Create(CultureInfo.InvariantCulture,
        $"game index loaded: {index.Count:N0} games, {index.Variants.Count:N0} variants in {loading.ElapsedMilliseconds:N0} ms, {(heapAfter - heapBefore) / 1048576.0:F0} MB of heap"));
    if (index is not null) await ApiIndex.WaitForAsync(client, index.Generation, Log, ct);
    var builder = new ScenarioBuilder(catalogue, client, dataSource, options.Seed, options.MixSize, index);
    var scenarios = new List<Scenario>();
    foreach (var name in options.Scenarios)
    {
        var scenario = await builder.BuildAsync(name, ct);
        scenarios.Add(scenario);
        Log($"{name}: {(scenario.SetupError is { } error ? "setup failed: " + error : scenario.Api[0].ToString())}");
    }

    var healthz = new List<PhaseStats>();
    var api = scenarios.ToDictionary(s => s.Name, _ => new List<PhaseStats>());
    var sql = scenarios.ToDictionary(s => s.Name, _ => new List<PhaseStats>());
    var sqlOnly = scenarios.ToDictionary(s => s.Name, _ => new List<PhaseStats>());
    for (var round = 1; round <= options.Rounds; round++)
    {
        var prefix = options.Rounds > 1 ? $"round {round}/{options.Rounds} " : "";
        healthz.Add(await MeasureAsync(prefix + "healthz", new HttpTarget(client, [ApiRequest.Get("/healthz")])));
        foreach (var scenario in scenarios.Where(s => s.SetupError is null))
        {
            api[scenario.Name].Add(await MeasureAsync($"{prefix}{scenario.Name} API", new HttpTarget(client, scenario.Api)));
            if (scenario.Sql is { } work) sql[scenario.Name].Add(await MeasureAsync($"{prefix}{scenario.Name} SQL", new SqlTarget(dataSource, work)));
            if (scenario.SqlOnly is { } whole) sqlOnly[scenario.Name].Add(await MeasureAsync($"{prefix}{scenario.Name} SQL-only", new SqlTarget(dataSource, whole)));
        }
    }

    // After the load, so the plans run on a warm cache as the measured requests did.
    var plans = new Dictionary<string, IReadOnlyList<ExplainResult>>();
    foreach (var scenario in scenarios.Where(s => s.Sql is { Count: > 0 }))
    {
        try
        {
            plans[scenario.Name] = await Explain.RunAsync(dataSource, scenario.Sql![0], ct);
        }
        catch (PostgresException e)
        {
            plans[scenario.Name] = [new ExplainResult("EXPLAIN failed", "", [], e.MessageText, null, false, null)];
        }
    }

    var healthzResult = new PhaseResult(healthz);
    var report = new BenchReport(
        started, options.Commit, machine with { LoadAverageAfter = MachineInfo.LoadAverage() },
        new BenchSettings(options.Api!.ToString(), options.Concurrency, options.DurationSeconds, options.WarmupSeconds, options.MaxRequests,
            options.Rounds, options.Seed, options.MixSize, options.Scenarios),
        catalogue.ActiveGames, catalogue.AllGames, healthzResult,
        [.. scenarios.Select(s => ScenarioResult.Of(s,
            api[s.Name].Count > 0 ? new PhaseResult(api[s.Name]) : null,
            sql[s.Name].Count > 0 ? new PhaseResult(sql[s.Name]) : null,
            sqlOnly[s.Name].Count > 0 ? new PhaseResult(sqlOnly[s.Name]) : null,
            healthzResult, plans.GetValueOrDefault(s.Name) ?? []))]);

    Console.WriteLine();
    Console.WriteLine(Report.Table(report, markdown: false));
    Console.WriteLine();
    foreach (var remark in Report.Remarks(report)) Console.WriteLine("- " + remark);

    Directory.CreateDirectory(options.OutputDirectory);
    var stamp = Path.Combine(options.OutputDirectory, started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
    await File.WriteAllTextAsync(stamp + ".json", Report.Json(report), ct);
    await File.WriteAllTextAsync(stamp + ".md", Report.MarkdownFile(report), ct);
    Console.WriteLine();
    Console.WriteLine($"results: {stamp}.json, {stamp}.md");
    return 0;
}
catch (OperationCanceledException) when (ct.IsCancellationRequested)
{
    Console.Error.WriteLine("cancelled");
    return 130;
}

async Task<PhaseStats> MeasureAsync(string label, ILoadTarget target)
{
    if (options.WarmupSeconds > 0)
    {
        // From halfway through the mix, so that the measured requests (from its start) are not a replay of the warm-up.
        await LoadRunner.RunAsync(target, shape with { Duration = TimeSpan.FromSeconds(options.WarmupSeconds), FirstSequence = options.MixSize / 2 }, ct);
    }
    var stats = await LoadRunner.RunAsync(target, shape, ct);
    Log(string.Create(CultureInfo.InvariantCulture,
        $"{label}: {stats.Requests} requests in {stats.ElapsedSeconds:F1} s = {stats.RequestsPerSecond:F1}/s, p50/p95/p99 {stats.P50Ms ?? double.NaN:F1}/{stats.P95Ms ?? double.NaN:F1}/{stats.P99Ms ?? double.NaN:F1} ms, errors {stats.Errors}"));
    return stats;
}

static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
