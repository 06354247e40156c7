using OpenTabletop.AppHost.Hosting.Dashboard.Api;
using OpenTabletop.AppHost.Hosting.Dashboard.Telemetry;
using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.AppHost.Dashboard;

/// <summary>
/// A real Api process given Aspire's dashboard variable sends its telemetry there, as it would to the
/// standalone Aspire dashboard; our receiver stands in for it.
/// </summary>
public sealed class AspireDashboardTargetTests(PostgresFixture postgres)
{
    [Fact]
    public async Task ApiExportsToTheAspireDashboardHttpEndpointRatherThanTheStandardOne()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dashboard = await DashboardApp.StartAsync(ct);
        var database = await TestDatabases.CreateMigratedAsync(postgres, SeedMode.None, ct);
        await using var api = await ApiProcess.StartAsync(database, new Dictionary<string, string>
        {
            ["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = dashboard.OtlpHttp.ToString().TrimEnd('/'),
            // Nothing listens here: telemetry that arrives went to the Aspire variable's endpoint.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
            ["OTEL_SERVICE_NAME"] = "standalone-api",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        }, ct);
        using var http = new HttpClient { BaseAddress = api.Address };

        using var response = await http.GetAsync(new Uri("/v1/games/no-such-game", UriKind.Relative), ct);
        var traces = await Deadline.PollAsync(
            () => dashboard.GetAsync<TraceList>("/api/traces?resource=standalone-api", ct),
            t => t.Traces.Any(IsTheRequest),
            TimeSpan.FromSeconds(30),
            ct);

        var trace = Assert.Single(traces.Traces, IsTheRequest);
        Assert.Equal(["standalone-api"], trace.Services);
    }

    private static bool IsTheRequest(TraceSummary trace) => trace.RootName.StartsWith("GET /v1/games", StringComparison.Ordinal);
}
