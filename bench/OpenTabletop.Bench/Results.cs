using System.Runtime.InteropServices;
using Npgsql;

namespace OpenTabletop.Bench;

/// <summary>Every round of one phase and their medians.</summary>
internal sealed record PhaseResult(IReadOnlyList<PhaseStats> Rounds)
{
    public PhaseStats Median => PhaseStats.Median(Rounds);
}

/// <summary>The targets, checked against the medians of this run (they hold at the run's concurrency only).</summary>
internal sealed record TargetCheck(string P95, string P99, string ApiToSql)
{
    public const double P95Ms = 50, P99Ms = 100, MinApiToSql = 0.70;

    /// <summary>The API ignored some of the scenario's parameters, so what it answered is not the scenario.</summary>
    public static readonly TargetCheck NotInBuild = new("not in this build", "not in this build", "not in this build");

    public static TargetCheck For(PhaseStats? api, double? apiToSql)
    {
        if (api is null) return new("n/a", "n/a", "n/a");
        if (api.Errors > 0) return new("errors", "errors", "errors");
        static string Below(double? value, double limit) => value is null ? "n/a" : value <= limit ? "ok" : "MISS";
        return new(Below(api.P95Ms, P95Ms), Below(api.P99Ms, P99Ms),
            apiToSql is { } ratio ? ratio >= MinApiToSql ? "ok" : "MISS" : "n/a");
    }
}

internal sealed record ScenarioResult(
    string Name, string Title, string Example, int MixSize, bool Selective,
    string? SqlSource, string? SqlUnavailable, IReadOnlyList<string> Notes, string? SetupError, IReadOnlyList<string> IgnoredByApi,
    PhaseResult? Api, PhaseResult? Sql, double? ApiToSql, string? ApiToSqlUnavailable, double? ApiToHealthz,
    IReadOnlyList<ExplainResult> Explain, TargetCheck Targets)
{
    /// <summary>SQL alone doing the whole job (page and count), measured when the Api answered from its in-memory index.</summary>
    public PhaseResult? SqlOnly { get; init; }

    /// <summary>API req/s ÷ SQL-only req/s: the Api against the database doing the same job without the index.</summary>
    public double? ApiToSqlOnly { get; init; }

    public static ScenarioResult Of(Scenario scenario, PhaseResult? api, PhaseResult? sql, PhaseResult? sqlOnly, PhaseResult healthz, IReadOnlyList<ExplainResult> explain)
    {
        double? Ratio(PhaseResult? numerator, PhaseResult? denominator) => numerator is null || denominator is null
            ? null
            : Medians.Of(numerator.Rounds.Zip(denominator.Rounds, (n, d) => d.RequestsPerSecond > 0 ? n.RequestsPerSecond / d.RequestsPerSecond : (double?)null));

        string? unavailable = scenario.SetupError is not null ? "setup failed"
            : scenario.SqlUnavailable is not null ? "no direct SQL"
            : api?.Median.Errors > 0 ? "API errors"
            : sql?.Median.Errors > 0 ? "SQL errors"
            : null;
        var apiToSql = unavailable is null ? Ratio(api, sql) : null;
        return new ScenarioResult(
            scenario.Name, scenario.Title, scenario.Api.Count > 0 ? scenario.Api[0].ToString() : "", scenario.Api.Count, scenario.Selective,
            scenario.SqlSource, scenario.SqlUnavailable, scenario.Notes, scenario.SetupError, scenario.IgnoredByApi ?? [],
            api, sql, apiToSql, unavailable, api?.Median.Errors > 0 ? null : Ratio(api, healthz), explain,
            scenario.IgnoredByApi is { Count: > 0 } ? TargetCheck.NotInBuild : TargetCheck.For(api?.Median, apiToSql))
        {
            SqlOnly = sqlOnly,
            ApiToSqlOnly = unavailable is null && sqlOnly?.Median.Errors == 0 ? Ratio(api, sqlOnly) : null,
        };
    }
}

internal sealed record MachineInfo(
    int Cores, string? Cpu, double? MemoryGib, string Os, string Runtime, string? Postgres, IReadOnlyDictionary<string, string> PostgresSettings,
    string? LoadAverageBefore, string? LoadAverageAfter)
{
    /// <summary>The server settings that move these figures most; recorded because the run may override them.</summary>
    private static readonly string[] Settings =
        ["shared_buffers", "effective_cache_size", "work_mem", "max_parallel_workers_per_gather", "jit", "max_connections"];

    public static async Task<MachineInfo> ReadAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var version = dataSource.CreateCommand("SHOW server_version");
        var settings = new Dictionary<string, string>();
        await using (var show = dataSource.CreateCommand("SELECT name, current_setting(name) FROM unnest($1::text[]) AS name"))
        {
            show.Parameters.Add(new NpgsqlParameter { Value = Settings });
            await using var reader = await show.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) settings[reader.GetString(0)] = reader.GetString(1);
        }
        var memory = FirstLine("/proc/meminfo", "MemTotal:")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return new MachineInfo(
            Environment.ProcessorCount,
            FirstLine("/proc/cpuinfo", "model name")?.Split(':', 2)[1].Trim(),
            memory is null ? null : Math.Round(double.Parse(memory, System.Globalization.CultureInfo.InvariantCulture) / 1024 / 1024, 1),
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            (string?)await version.ExecuteScalarAsync(ct), settings,
            LoadAverage(), null);
    }

    public static string? LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;

    private static string? FirstLine(string path, string prefix) =>
        File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) : null;
}

internal sealed record BenchSettings(
    string Api, int Concurrency, double DurationSeconds, double WarmupSeconds, long MaxRequests, int Rounds, int Seed, int MixSize,
    IReadOnlyList<string> Scenarios);

internal sealed record BenchReport(
    DateTimeOffset Date, string? Commit, MachineInfo Machine, BenchSettings Settings, long ActiveGames, long AllGames,
    PhaseResult Healthz, IReadOnlyList<ScenarioResult> Scenarios);
