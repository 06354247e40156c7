using System.Net;
using System.Text.Json;
using OpenTabletop.Tests.Api.Export;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

/// <summary>
/// SIGTERM, as Kubernetes sends it to a pod it stops, against the real Api process: readiness turns
/// 503 at once, everything in flight (a streaming export included) finishes, and the process exits 0.
/// </summary>
public sealed class GracefulShutdownTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SigtermDuringLoadFailsNoRequestInFlightAndExitsZero()
    {
        var connectionString = await SyntheticApi.SeedCatalogueAsync(postgres, Ct);
        await using var api = await ApiProcess.StartAsync(connectionString, new Dictionary<string, string>
        {
            ["DRAIN_DELAY_SECONDS"] = "2",
            ["DRAIN_TIMEOUT_SECONDS"] = "20",
        }, Ct);
        using var http = api.CreateClient();

        // In flight when the signal comes: an export read slowly (the server is far from its last row)
        // and a burst of list and detail requests whose answers have started.
        using var exportClient = SlowReading.Client(api.Address);
        using var export = await exportClient.GetAsync("/v1/export/games?format=jsonl", HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var expectedRows = int.Parse(ExportReading.Header(export.Headers, "X-Export-Row-Count")!, System.Globalization.CultureInfo.InvariantCulture);
        using var exportReader = new StreamReader(await export.Content.ReadAsStreamAsync(Ct));
        var lines = new List<string> { (await exportReader.ReadLineAsync(Ct))! };
        var burst = Enumerable.Range(0, 24).Select(i => http.GetAsync(
            i % 2 == 0 ? $"/v1/games?limit=100&sort=rating&order=desc&players={2 + i % 4}" : "/v1/games?limit=50&weight_min=2&weight_max=4",
            HttpCompletionOption.ResponseHeadersRead, Ct)).ToList();
        var started = await Task.WhenAll(burst);

        api.Terminate();

        // Draining: readiness says so on a fresh connection while the server still answers.
        var readiness = await Deadline.PollAsync(() => StatusAsync(api.Address, "/readyz"),
            status => status == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(2), Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readiness);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(api.Address, "/healthz"));

        // After the delay the server takes no new connection, but the process waits for its export.
        var refused = await Deadline.PollAsync(async () =>
        {
            try
            {
                await StatusAsync(api.Address, "/healthz");
                return false;
            }
            catch (HttpRequestException)
            {
                return true;
            }
        }, done => done, TimeSpan.FromSeconds(10), Ct);
        Assert.True(refused, "the server still accepted connections 10 s after SIGTERM");
        Assert.False(api.HasExited, "the Api exited while its export was still streaming");

        foreach (var response in started)
        {
            using (response)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
                Assert.True(page.RootElement.GetProperty("data").GetArrayLength() > 0);
            }
        }
        while (await exportReader.ReadLineAsync(Ct) is { } line) lines.Add(line);
        Assert.Equal(expectedRows, lines.Count - 1);
        Assert.Equal(expectedRows, JsonDocument.Parse(lines[0]).RootElement.GetProperty("row_count").GetInt32());

        var exitCode = await api.WaitForExitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.True(exitCode == 0, $"exit code {exitCode?.ToString() ?? "none (still running)"}:\n{api.Output}");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync("/healthz", Ct));
    }

    [Fact]
    public async Task AnIdleApiStopsAtOnceWithoutADrainDelay()
    {
        var connectionString = await TestDatabases.CreateMigratedAsync(postgres, OpenTabletop.MigrationService.Seeding.SeedMode.Sample, Ct);
        await using var api = await ApiProcess.StartAsync(connectionString, new Dictionary<string, string>(), Ct);

        api.Terminate();

        var exitCode = await api.WaitForExitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.True(exitCode == 0, $"exit code {exitCode?.ToString() ?? "none (still running)"}:\n{api.Output}");
    }

    /// <summary>A new connection per probe, as a load balancer's health check makes.</summary>
    private static async Task<HttpStatusCode> StatusAsync(Uri address, string path)
    {
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero };
        using var http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.ConnectionClose = true;
        using var response = await http.SendAsync(request, Ct);
        return response.StatusCode;
    }
}
