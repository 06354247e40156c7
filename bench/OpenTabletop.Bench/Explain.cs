using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace OpenTabletop.Bench;

/// <summary>
/// EXPLAIN (ANALYZE, BUFFERS) of one statement of a scenario. A sequential scan of games is flagged
/// with the share of the table it kept, so a selective filter that reads the whole table stands out.
/// </summary>
internal sealed record ExplainResult(
    string Statement, string Sql, IReadOnlyList<string?> Parameters, string Plan, double? ExecutionMs,
    bool SeqScanOnGames, double? SeqScanKeptShare)
{
    public string? Flag => SeqScanOnGames
        ? SeqScanKeptShare is { } share ? $"Seq Scan on games (kept {share:P1} of the rows it read)" : "Seq Scan on games"
        : null;
}

internal static partial class Explain
{
    public static async Task<List<ExplainResult>> RunAsync(NpgsqlDataSource dataSource, SqlWork work, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var results = new List<ExplainResult>();
        foreach (var statement in await work.StatementsAsync(connection, ct))
        {
            await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + statement.Sql, connection);
            foreach (var parameter in statement.Parameters) command.Parameters.Add(parameter);
            var lines = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct)) lines.Add(reader.GetString(0));
            }
            var plan = string.Join('\n', lines);
            var execution = ExecutionTime().Match(plan);
            var (seqScan, kept) = SeqScanOfGames(lines);
            results.Add(new ExplainResult(
                statement.Label, statement.Sql, [.. statement.Parameters.Select(Describe)], plan,
                execution.Success ? double.Parse(execution.Groups[1].Value, CultureInfo.InvariantCulture) : null, seqScan, kept));
        }
        return results;
    }

    /// <summary>Whether some node scans games sequentially and, for the first such node, rows kept / rows read.</summary>
    private static (bool Found, double? Kept) SeqScanOfGames(List<string> lines)
    {
        var at = lines.FindIndex(l => SeqScanOnGames().IsMatch(l));
        if (at < 0) return (false, null);
        var rows = ActualRows().Match(lines[at]);
        if (!rows.Success) return (true, null);
        var kept = double.Parse(rows.Groups[1].Value, CultureInfo.InvariantCulture);
        // The node's own detail lines are indented deeper than the node and come before its next sibling or child.
        var indent = lines[at].Length - lines[at].TrimStart().Length;
        var removed = 0.0;
        foreach (var line in lines.Skip(at + 1).TakeWhile(l => l.Length - l.TrimStart().Length > indent && !l.Contains("->", StringComparison.Ordinal)))
        {
            var match = RowsRemoved().Match(line);
            if (match.Success) removed = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        return (true, kept + removed > 0 ? kept / (kept + removed) : null);
    }

    private static string? Describe(NpgsqlParameter parameter) => parameter.Value switch
    {
        null => null,
        string s => s,
        System.Collections.IEnumerable list => List([.. list.Cast<object>()]),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    /// <summary>A long list (the ids of a page) is shortened here; the plan shows it whole.</summary>
    private static string List(List<object> items) =>
        "{" + string.Join(",", items.Take(3)) + (items.Count > 3 ? $",… {items.Count} in all" : "") + "}";

    [GeneratedRegex(@"Seq Scan on games(?!\w)")]
    private static partial Regex SeqScanOnGames();

    [GeneratedRegex(@"actual time=[\d.]+\.\.[\d.]+ rows=(\d+)")]
    private static partial Regex ActualRows();

    [GeneratedRegex(@"Rows Removed by Filter: (\d+)")]
    private static partial Regex RowsRemoved();

    [GeneratedRegex(@"Execution Time: ([\d.]+) ms")]
    private static partial Regex ExecutionTime();
}
