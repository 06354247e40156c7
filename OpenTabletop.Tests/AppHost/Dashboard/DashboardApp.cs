using System.Net.Http.Json;
using System.Text.Json;
using OpenTabletop.AppHost.Hosting;
using OpenTabletop.AppHost.Hosting.Dashboard;
using OpenTabletop.AppHost.Hosting.Testing;

namespace OpenTabletop.Tests.AppHost.Dashboard;

/// <summary>
/// An AppHost with no resources but its dashboard, on free ports: the real Kestrel server and OTLP
/// receiver, for tests that send telemetry and read it back.
/// </summary>
internal sealed class DashboardApp : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private DashboardApp(DistributedApplication app, DashboardEndpoints endpoints)
    {
        App = app;
        Endpoints = endpoints;
        // Always through loopback, whatever address the dashboard is bound to.
        Ui = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{new Uri(endpoints.Url).Port}"),
        };
    }

    public DistributedApplication App { get; }

    public DashboardEndpoints Endpoints { get; }

    public HttpClient Ui { get; }

    public Uri OtlpGrpc => new($"http://127.0.0.1:{new Uri(Endpoints.OtlpGrpcUrl).Port}");

    public Uri OtlpHttp => new($"http://127.0.0.1:{new Uri(Endpoints.OtlpHttpUrl).Port}");

    public static Task<DashboardApp> StartAsync(CancellationToken ct, params (string Key, string Value)[] settings) =>
        StartAsync(_ => { }, ct, settings);

    /// <param name="graph">Resources for the orchestrator to run beside the dashboard (none by default).</param>
    public static async Task<DashboardApp> StartAsync(Action<IDistributedApplicationBuilder> graph, CancellationToken ct, params (string Key, string Value)[] settings)
    {
        var app = await DistributedApplicationTestingBuilder.CreateAsync(
            [],
            b =>
            {
                b.Configuration["AppHost:Dashboard:Enabled"] = "true";
                b.Configuration["AppHost:Dashboard:Port"] = "0";
                b.Configuration["AppHost:Dashboard:OtlpGrpcPort"] = "0";
                b.Configuration["AppHost:Dashboard:OtlpHttpPort"] = "0";
                foreach (var (key, value) in settings)
                {
                    b.Configuration[key] = value;
                }
            },
            graph,
            ct);
        try
        {
            await app.StartAsync(ct);
            return new DashboardApp(app, app.Dashboard ?? throw new InvalidOperationException("The dashboard did not start."));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async Task<T> GetAsync<T>(string path, CancellationToken ct) =>
        await Ui.GetFromJsonAsync<T>(path, Json, ct) ?? throw new InvalidOperationException($"{path} answered null.");

    public async ValueTask DisposeAsync()
    {
        Ui.Dispose();
        await App.DisposeAsync();
    }
}
