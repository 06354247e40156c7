using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using OpenTabletop.AppHost.Hosting.Dashboard.Telemetry;
using OpenTabletop.AppHost.Hosting.Testing;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.AppHost.Dashboard;

/// <summary>
/// The whole application with its dashboard, looked at in a real browser (Debian's Chromium driven by
/// Playwright): the resources come up, and one Api request shows as a trace across the Api and PostgreSQL.
/// </summary>
public sealed class DashboardBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    private const string RedisScope = "OpenTelemetry.Instrumentation.StackExchangeRedis";

    [Fact]
    public async Task DashboardShowsTheRunningApplicationAndARequestsTraceAsAWaterfall()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install chromium (.ci/run does).");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        var ct = timeout.Token;
        await using var app = await DistributedApplicationTestingBuilder.CreateAsync([], b =>
        {
            b.Configuration["AppHost:Dashboard:Enabled"] = "true";
            b.Configuration["AppHost:Dashboard:Port"] = "0";
            b.Configuration["AppHost:Dashboard:OtlpGrpcPort"] = "0";
            b.Configuration["AppHost:Dashboard:OtlpHttpPort"] = "0";
        }, ct);
        await app.StartAsync(ct);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("api", ct);
        var dashboard = app.Dashboard!;
        using var dashboardHttp = new HttpClient { BaseAddress = new Uri(dashboard.Url) };

        // A request whose trace id we choose (the Api continues an incoming W3C traceparent).
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var api = app.CreateHttpClient("api");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/search?q=spirit");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await api.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var trace = await Deadline.PollAsync(
            async () => await TryGetTraceAsync(dashboardHttp, traceId, ct),
            t => t is not null && t.Spans.Any(s => s.Span.Service == "api" && s.Span.Kind == "Server") && t.Spans.Any(s => s.Span.Scope == "Npgsql")
                && t.Spans.Any(s => s.Span.Scope == RedisScope),
            TimeSpan.FromSeconds(30), ct);
        Assert.NotNull(trace);
        Assert.Contains(trace.Spans, s => s.Span.Scope == "Npgsql" && s.Depth > 0);
        // The cache's commands (the rate limiter's script at least) beneath the same request.
        Assert.Contains(trace.Spans, s => s.Span.Scope == RedisScope && s.Depth > 0);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Root (CI, containers) cannot use Chromium's sandbox.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        // Generous: CI runs this beside the rest of the suite on two cores.
        page.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(30_000);

        await page.GotoAsync(dashboard.LoginUrl);
        foreach (var (resource, state) in new[] { ("postgres", "Running"), ("cache", "Running"), ("migrations", "Finished"), ("api", "Running"), ("materializer", "Running") })
        {
            await Assertions.Expect(page.Locator($"#resources tr[data-resource='{resource}'] td.state")).ToContainTextAsync(state);
        }

        await Assertions.Expect(page.Locator("#resources tr[data-resource='api'] a[href^='http://127.0.0.1']")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("dashboard-resources.png"), FullPage = true });

        await page.ClickAsync("nav a[data-page='traces']");
        await page.ClickAsync($"#traces tr[data-trace-id='{traceId}']");
        await Assertions.Expect(page.Locator("#waterfall .span-row[data-service='api']").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#waterfall .span-row[data-scope='Npgsql']").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"#waterfall .span-row[data-scope='{RedisScope}']").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#waterfall .span-row").First).ToHaveAttributeAsync("data-service", "api");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("dashboard-trace.png"), FullPage = true });

        // The Api's own output, its structured logs and its request metrics arrive as well.
        await page.ClickAsync("nav a[data-page='console']");
        await Assertions.Expect(page.Locator("#console")).ToContainTextAsync("Now listening on");
        await page.ClickAsync("nav a[data-page='logs']");
        await Assertions.Expect(page.Locator("#logs tbody tr").First).ToBeVisibleAsync();
        await page.ClickAsync("nav a[data-page='metrics']");
        await Assertions.Expect(page.Locator("#metrics .card[data-service='api']")).ToContainTextAsync("requests");
        await Assertions.Expect(page.Locator("#routes")).ToContainTextAsync("/v1/search");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifact("dashboard-metrics.png"), FullPage = true });
    }

    private static async Task<TraceDetail?> TryGetTraceAsync(HttpClient dashboard, string traceId, CancellationToken ct)
    {
        using var response = await dashboard.GetAsync(new Uri($"/api/traces/{traceId}", UriKind.Relative), ct);
        return response.IsSuccessStatusCode
            ? await response.Content.ReadFromJsonAsync<TraceDetail>(new JsonSerializerOptions(JsonSerializerDefaults.Web), ct)
            : null;
    }

    /// <summary>TestResults/dashboard/ at the repository root (git-ignored), where CI keeps what tests leave for people to look at.</summary>
    private static string Artifact(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpenTabletop.sln")))
        {
            directory = directory.Parent;
        }

        var folder = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "TestResults", "dashboard");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
