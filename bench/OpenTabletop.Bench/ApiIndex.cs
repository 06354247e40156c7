using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenTabletop.Bench;

/// <summary>
/// Waits until the Api has loaded its own in-memory index at the generation the benchmark loaded:
/// /readyz does not wait for it (the Api answers by SQL meanwhile), and a phase measured while it
/// loads measures the SQL path instead, on a machine busy with the load itself.
/// </summary>
internal static partial class ApiIndex
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    public static async Task WaitForAsync(HttpClient client, long generation, Action<string> log, CancellationToken ct)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var metrics = await client.GetStringAsync("/metrics", ct);
            var match = Generation().Match(metrics);
            if (match.Success && long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) == generation)
            {
                log($"the Api's index is at generation {generation} (waited {waited.Elapsed.TotalSeconds:F1} s)");
                return;
            }
            if (waited.Elapsed > Limit) throw new TimeoutException($"the Api's index did not reach generation {generation} within {Limit.TotalMinutes} minutes");
            await Task.Delay(250, ct);
        }
    }

    [GeneratedRegex(@"^opentabletop_game_index_generation\{[^}]*\} (\d+)", RegexOptions.Multiline)]
    private static partial Regex Generation();
}
