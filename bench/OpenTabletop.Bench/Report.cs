using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenTabletop.Bench;

/// <summary>The results as a console table, a markdown file (table, notes, plans) and a JSON file.</summary>
internal static class Report
{
    private static readonly string[] Header =
    [
        "scenario", "API req/s", "p50 ms", "p95 ms", "p99 ms", "errors",
        "SQL req/s", "SQL p50", "SQL p95", "SQL p99", "API/SQL", "SQL-only req/s", "API/SQL-only", "API/healthz", "p95≤50 p99≤100 API/SQL≥70%",
    ];

    public static string Table(BenchReport report, bool markdown)
    {
        var rows = new List<string[]> { Header };
        var healthz = report.Healthz.Median;
        rows.Add(["healthz (HTTP ceiling)", .. Phase(healthz), "—", "—", "—", "—", "—", "—", "—", "100%", ""]);
        foreach (var s in report.Scenarios)
        {
            var api = s.Api?.Median;
            var sql = s.Sql?.Median;
            rows.Add([
                s.Name, .. api is null ? Dashes(5) : Phase(api),
                .. sql is null ? Dashes(4) : Phase(sql).Take(4),
                s.ApiToSql is { } ratio ? Percent(ratio) : "n/a",
                s.SqlOnly?.Median is { } whole ? Phase(whole)[0] : "—",
                s.ApiToSqlOnly is { } toWhole ? Percent(toWhole) : "—",
                s.ApiToHealthz is { } toHealthz ? Percent(toHealthz) : "n/a",
                s.SetupError is not null ? "setup failed"
                    : s.IgnoredByApi.Count > 0 ? "not in this build"
                    : $"{s.Targets.P95} {s.Targets.P99} {s.Targets.ApiToSql}",
            ]);
        }
        return markdown ? Markdown(rows) : Text(rows);
    }

    /// <summary>Errors, missing ceilings, notes and flagged plans: what the table cannot say in a cell.</summary>
    public static IEnumerable<string> Remarks(BenchReport report)
    {
        foreach (var s in report.Scenarios)
        {
            if (s.SetupError is not null) yield return $"{s.Name}: setup failed: {s.SetupError}";
            foreach (var (phase, result) in new[] { ("API", s.Api), ("SQL", s.Sql), ("SQL-only", s.SqlOnly) })
            {
                if (result?.Median is { Errors: > 0 } failed)
                {
                    yield return $"{s.Name}: {phase} errors: " + string.Join(", ", failed.ErrorKinds.OrderByDescending(e => e.Value).Select(e => $"{e.Key} × {e.Value}"));
                }
            }
            if (s.SqlUnavailable is not null) yield return $"{s.Name}: no direct-SQL ceiling: {s.SqlUnavailable}";
            else if (s.ApiToSqlUnavailable is not null) yield return $"{s.Name}: API/SQL not computed: {s.ApiToSqlUnavailable}";
            foreach (var note in s.Notes) yield return $"{s.Name}: {note}";
            foreach (var plan in s.Explain.Where(e => e.Flag is not null))
            {
                yield return $"{s.Name}: plan of '{plan.Statement}': {plan.Flag}{(s.Selective ? "" : " (broad query: expected)")}";
            }
        }
        var explained = report.Scenarios.Sum(s => s.Explain.Count);
        if (explained > 0 && report.Scenarios.All(s => s.Explain.All(e => !e.SeqScanOnGames)))
        {
            yield return $"plans: no Seq Scan on games in the {explained} statements explained";
        }
    }

    public static string MarkdownFile(BenchReport report)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Benchmark {report.Date:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- commit: {report.Commit ?? "unknown"}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- machine: {report.Machine.Cores} cores ({report.Machine.Cpu}), {report.Machine.MemoryGib} GiB, {report.Machine.Os}, {report.Machine.Runtime}, PostgreSQL {report.Machine.Postgres} ({string.Join(", ", report.Machine.PostgresSettings.Select(s => s.Key + "=" + s.Value))}); load average before {report.Machine.LoadAverageBefore}, after {report.Machine.LoadAverageAfter}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- data: {report.ActiveGames:N0} active games ({report.AllGames:N0} in all)");
        var settings = report.Settings;
        md.AppendLine(CultureInfo.InvariantCulture, $"- load: {settings.Concurrency} concurrent clients, {settings.WarmupSeconds} s warm-up + {settings.DurationSeconds} s per phase, at most {settings.MaxRequests:N0} requests, {settings.Rounds} round(s) (figures are medians), seed {settings.Seed}, {settings.MixSize} requests per mix");
        md.AppendLine();
        md.AppendLine(Table(report, markdown: true));
        md.AppendLine();
        foreach (var remark in Remarks(report)) md.AppendLine("- " + remark);
        md.AppendLine();
        md.AppendLine("## Scenarios and plans");
        foreach (var s in report.Scenarios)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"### {s.Name}: {s.Title}");
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"- first request of the mix: `{s.Example}`");
            md.AppendLine(CultureInfo.InvariantCulture, $"- direct SQL: {s.SqlUnavailable ?? s.SqlSource ?? "n/a"}");
            foreach (var plan in s.Explain)
            {
                md.AppendLine();
                md.AppendLine(CultureInfo.InvariantCulture, $"EXPLAIN (ANALYZE, BUFFERS) of '{plan.Statement}'{(plan.Flag is null ? "" : " — **" + plan.Flag + "**")}, parameters [{string.Join(", ", plan.Parameters)}]:");
                md.AppendLine();
                md.AppendLine("```text");
                md.AppendLine(plan.Plan);
                md.AppendLine("```");
            }
        }
        return md.ToString();
    }

    public static string Json(BenchReport report) => JsonSerializer.Serialize(report, new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    });

    private static string[] Phase(PhaseStats stats) =>
        [Rate(stats.RequestsPerSecond), Ms(stats.P50Ms), Ms(stats.P95Ms), Ms(stats.P99Ms), stats.Errors.ToString(CultureInfo.InvariantCulture)];

    private static string[] Dashes(int count) => [.. Enumerable.Repeat("—", count)];

    private static string Rate(double value) => value.ToString(value >= 100 ? "F0" : "F1", CultureInfo.InvariantCulture);

    private static string Ms(double? value) => value is { } v ? v.ToString(v >= 100 ? "F0" : "F1", CultureInfo.InvariantCulture) : "—";

    private static string Percent(double value) => value.ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal);

    private static string Text(List<string[]> rows)
    {
        var widths = Enumerable.Range(0, Header.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        return string.Join('\n', rows.Select(r => string.Join("  ", r.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd()));
    }

    private static string Markdown(List<string[]> rows) =>
        string.Join('\n', rows.Select((r, i) => "| " + string.Join(" | ", r) + " |" + (i == 0 ? "\n|" + string.Concat(r.Select((_, c) => c == 0 ? "---|" : "---:|")) : "")));
}
