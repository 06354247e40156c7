using System.Text.RegularExpressions;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace OpenTabletop.Tests.Operations;

/// <summary>
/// The metric catalogue an operator alerts on: every name the README lists is served on the Api's
/// /metrics, and every metric the alert rules (deploy/prometheus) use is one of them.
/// </summary>
public sealed partial class MetricCatalogueTests(PostgresFixture postgres)
{
    /// <summary>The catalogue as the README lists it, in Prometheus' names.</summary>
    public static readonly string[] Catalogue =
    [
        "http_server_request_duration_seconds_count", // request count by route, method and status
        "http_server_request_duration_seconds_bucket", // request duration by route, method and status
        "db_client_operation_duration_seconds_bucket", // database query duration
        "db_client_connection_count", // database connections by state (used, idle)
        "db_client_connection_max", // the pool's size
        "opentabletop_cache_operations_total", // cache hits and misses
        "opentabletop_exports_active", // exports streaming now
        "opentabletop_exports_total",
        "opentabletop_exports_duration_seconds_bucket",
        "opentabletop_rate_limit_decisions_total",
        "opentabletop_materialization_runs_total", // materializer runs by outcome, read from the shared runs table
        "opentabletop_materialization_last_run_duration_seconds",
        "opentabletop_materialization_last_success_timestamp_seconds",
    ];

    /// <summary>Metrics the rules use that another exporter provides.</summary>
    private static readonly string[] External = ["kube_pod_container_status_restarts_total"];

    [Fact]
    public async Task EveryCatalogueNameIsServedOnMetrics()
    {
        var served = await ServedNamesAsync();

        var missing = Catalogue.Where(name => !served.Contains(name)).ToList();
        Assert.True(missing.Count == 0, $"not on /metrics: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task TheAlertRulesUseOnlyServedMetrics()
    {
        var served = await ServedNamesAsync();
        var rules = AlertRules();

        Assert.Equal(["OpenTabletopDatabasePoolNearlyExhausted", "OpenTabletopExportsPilingUp", "OpenTabletopHighServerErrorRate",
            "OpenTabletopRestarting", "OpenTabletopSlowRequests"], rules.Keys.Order().ToArray());
        foreach (var (alert, expr) in rules)
        {
            var names = MetricNames(expr);
            Assert.NotEmpty(names);
            var unknown = names.Where(n => !served.Contains(n) && !External.Contains(n)).ToList();
            Assert.True(unknown.Count == 0, $"{alert} uses metrics nobody serves: {string.Join(", ", unknown)}");
        }
    }

    [Fact]
    public void TheReadmeListsTheCatalogue()
    {
        var readme = File.ReadAllText(Path.Combine(ServiceProcess.RepositoryRoot, "README.md"));

        var missing = Catalogue.Select(BaseName).Distinct().Where(name => !readme.Contains($"`{name}", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"README.md does not list: {string.Join(", ", missing)}");
    }

    [Theory]
    [InlineData("sum(rate(a_total{x=~\"5..\"}[5m])) / sum(rate(a_total[5m])) > 0.01", "a_total")]
    [InlineData("histogram_quantile(0.95, sum by (le) (rate(b_bucket{r!=\"\"}[5m]))) > 2", "b_bucket")]
    [InlineData("sum by (instance) (c{s=\"used\"}) / sum by (instance) (d) > 0.8", "c,d")]
    public void MetricNamesAreTheIdentifiersThatAreNeitherFunctionsNorLabels(string expr, string expected)
    {
        Assert.Equal(expected.Split(','), MetricNames(expr).Order().ToArray());
    }

    /// <summary>
    /// The Api as a process of its own (as operators run it: no other host in the process adds
    /// instruments of the same names), requests that make every instrument report, then the names its
    /// /metrics serves once every catalogue name is there, or after 30 s.
    /// </summary>
    private async Task<HashSet<string>> ServedNamesAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await TestDatabases.CreateMigratedAsync(postgres, OpenTabletop.MigrationService.Seeding.SeedMode.Sample, ct);
        await using (var connection = new Npgsql.NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            await using var runs = new Npgsql.NpgsqlCommand(
                "INSERT INTO materialization_runs (id, trigger, status, requested_at, started_at, finished_at) VALUES " +
                "(gen_random_uuid(), 'schedule', 'succeeded', now() - interval '2 hours', now() - interval '2 hours', now() - interval '2 hours' + interval '41 seconds'), " +
                "(gen_random_uuid(), 'request', 'failed', now() - interval '1 hour', now() - interval '1 hour', now() - interval '1 hour' + interval '3 seconds')", connection);
            await runs.ExecuteNonQueryAsync(ct);
        }
        await using var api = await ApiProcess.StartAsync(connectionString, new Dictionary<string, string>(), ct);
        using var http = api.CreateClient();
        using (await http.GetAsync("/v1/games", ct)) { }
        using (await http.GetAsync("/v1/games", ct)) { }
        using (await http.GetAsync("/v1/games?players=3", ct)) { }
        using (await http.GetAsync("/v1/games/spirit-island", ct)) { }
        using (await http.GetAsync("/v1/no-such-resource", ct)) { }
        using (var export = await http.GetAsync("/v1/export/games?format=csv", ct))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, export.StatusCode);
        }
        // The runs are read in the background when a scrape finds the figures older than their refresh.
        var names = await Deadline.PollAsync(async () => Names(await http.GetStringAsync("/metrics", ct)),
            served => Catalogue.All(served.Contains), TimeSpan.FromSeconds(30), ct);
        return names;
    }

    private static HashSet<string> Names(string text) =>
        text.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line[..line.IndexOfAny(['{', ' '])])
            .ToHashSet();

    private static Dictionary<string, string> AlertRules()
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(Path.Combine(ServiceProcess.RepositoryRoot, "deploy", "prometheus", "opentabletop-alerts.yaml")))
        {
            yaml.Load(reader);
        }
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return ((YamlSequenceNode)root["groups"]).Cast<YamlMappingNode>()
            .SelectMany(group => ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>())
            .ToDictionary(rule => ((YamlScalarNode)rule["alert"]).Value!, rule => ((YamlScalarNode)rule["expr"]).Value!);
    }

    /// <summary>The metric names of a PromQL expression: identifiers outside label matchers, ranges and grouping clauses, not called as functions.</summary>
    private static HashSet<string> MetricNames(string expr)
    {
        var bare = Grouping().Replace(Ranges().Replace(Matchers().Replace(expr, " "), " "), " ");
        return Identifiers().Matches(bare)
            .Where(m => !(m.Index + m.Length < bare.Length && bare[(m.Index + m.Length)..].TrimStart().StartsWith('(')))
            .Select(m => m.Value)
            .Where(v => v is not ("by" or "without" or "on" or "ignoring" or "and" or "or" or "unless" or "bool"))
            .ToHashSet();
    }

    /// <summary>A histogram's or counter's family name as the README writes it (…_bucket, …_count are its series).</summary>
    private static string BaseName(string name) =>
        name.EndsWith("_bucket", StringComparison.Ordinal) ? name[..^7] : name.EndsWith("_count", StringComparison.Ordinal) && name.StartsWith("http_", StringComparison.Ordinal) ? name[..^6] : name;

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(by|without|on|ignoring)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w.])[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifiers();
}
