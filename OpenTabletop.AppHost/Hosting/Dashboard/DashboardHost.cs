using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTabletop.AppHost.Hosting.ApplicationModel;
using OpenTabletop.AppHost.Hosting.Dashboard.Api;
using OpenTabletop.AppHost.Hosting.Dashboard.Otlp;
using OpenTabletop.AppHost.Hosting.Dashboard.Telemetry;
using OpenTabletop.AppHost.Hosting.Dashboard.Ui;
using OpenTabletop.AppHost.Hosting.Logging;
using OpenTabletop.AppHost.Hosting.Orchestration;
using OpenTabletop.AppHost.Hosting.Provisioning;

namespace OpenTabletop.AppHost.Hosting.Dashboard;

/// <summary>Where a started dashboard can be reached.</summary>
/// <param name="Url">The UI, without the token.</param>
/// <param name="LoginUrl">The URL to open: with <c>?t=</c> when a browser token is in force, else <see cref="Url"/>.</param>
public sealed record DashboardEndpoints(string Url, string LoginUrl, string OtlpGrpcUrl, string OtlpHttpUrl, string? BrowserToken, string? OtlpApiKey);

/// <summary>
/// The dashboard: a Kestrel server inside the AppHost process with three listeners (UI and JSON API,
/// OTLP/gRPC, OTLP/HTTP), fed by the orchestrator's model, notifications and resource logs, and by the
/// telemetry the services export to it.
/// </summary>
public sealed partial class DashboardHost(
    DashboardOptions options,
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    ResourceLoggerService logs,
    ILogger logger) : IAsyncDisposable
{
    private WebApplication? _app;
    private ResourceViews? _resources;

    public TelemetryStore Telemetry { get; } = new(options.Limits);

    /// <summary>Null until started.</summary>
    public DashboardEndpoints? Endpoints { get; private set; }

    /// <summary>What the services are told (OTEL_EXPORTER_OTLP_*) so that they export here: gRPC, as under Aspire.</summary>
    public OtlpSettings? OtlpSettings => Endpoints is { } e
        ? new OtlpSettings(e.OtlpGrpcUrl, "grpc", e.OtlpApiKey is { } key ? $"{ListenerGuard.OtlpApiKeyHeader}={key}" : null)
        : null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Beyond loopback anyone on the network could read the logs and send telemetry: require a token and an API key.
        var browserToken = options.BrowserToken ?? (options.IsLoopback ? null : NewSecret());
        var otlpApiKey = options.OtlpApiKey ?? (options.IsLoopback ? null : NewSecret());

        _resources = new ResourceViews(model, notifications);
        _resources.StartWatching();

        try
        {
            _app = await StartServerAsync(browserToken, otlpApiKey, preferDefaults: true, cancellationToken);
        }
        catch (IOException ex) when (!options.Port.Exact || !options.OtlpGrpcPort.Exact || !options.OtlpHttpPort.Exact)
        {
            // A default port was taken between our check and the bind (another AppHost or test starting): any free ones will do.
            LogPortRace(ex.Message);
            _app = await BindOrExplainAsync(browserToken, otlpApiKey, cancellationToken);
        }
        catch (IOException ex)
        {
            throw Unbindable(ex);
        }

        var listeners = _app.Services.GetRequiredService<DashboardListeners>();
        var host = options.IsLoopback ? "127.0.0.1" : options.Address.Equals(IPAddress.Any) ? Dns.GetHostName() : options.Address.ToString();
        var url = $"http://{host}:{listeners.UiPort}";
        var otlpHost = options.IsLoopback || options.Address.Equals(IPAddress.Any) ? "127.0.0.1" : options.Address.ToString();
        Endpoints = new DashboardEndpoints(
            url,
            browserToken is null ? url : $"{url}/login?t={browserToken}",
            $"http://{otlpHost}:{listeners.OtlpGrpcPort}",
            $"http://{otlpHost}:{listeners.OtlpHttpPort}",
            browserToken,
            otlpApiKey);
        LogStarted($"{Environment.NewLine}{Environment.NewLine}    Dashboard: {Endpoints.LoginUrl}{Environment.NewLine}", Endpoints.OtlpGrpcUrl, Endpoints.OtlpHttpUrl);
    }

    private async Task<WebApplication> StartServerAsync(string? browserToken, string? otlpApiKey, bool preferDefaults, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "OpenTabletop.Dashboard" });
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRouting();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(Telemetry);
        builder.Services.AddSingleton(_resources!);
        builder.Services.AddSingleton(logs);
        builder.Services.AddSingleton(TimeProvider.System);
        var listeners = new DashboardListeners();
        builder.Services.AddSingleton(listeners);

        var ui = Port(options.Port, preferDefaults);
        var grpc = Port(options.OtlpGrpcPort, preferDefaults);
        var http = Port(options.OtlpHttpPort, preferDefaults);
        var bound = new ListenOptions[3];
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(options.Address, ui, listen => { listen.Protocols = HttpProtocols.Http1AndHttp2; bound[0] = listen; });
            // Without TLS there is no protocol negotiation: gRPC clients speak HTTP/2 from the first byte.
            kestrel.Listen(options.Address, grpc, listen => { listen.Protocols = HttpProtocols.Http2; bound[1] = listen; });
            kestrel.Listen(options.Address, http, listen => { listen.Protocols = HttpProtocols.Http1AndHttp2; bound[2] = listen; });
        });

        var app = builder.Build();
        var guard = new ListenerGuard(listeners, browserToken, otlpApiKey);
        app.Use(guard.InvokeAsync);
        app.MapGrpcService<OtlpTraceService>();
        app.MapGrpcService<OtlpMetricsService>();
        app.MapGrpcService<OtlpLogsService>();
        app.MapOtlpHttpApi();
        app.MapDashboardApi();
        app.MapStaticAssets();

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        // Kestrel writes the port it actually bound back into the listen options (port 0 → the OS's choice).
        listeners.UiPort = bound[0].IPEndPoint!.Port;
        listeners.OtlpGrpcPort = bound[1].IPEndPoint!.Port;
        listeners.OtlpHttpPort = bound[2].IPEndPoint!.Port;
        return app;
    }

    private async Task<WebApplication> BindOrExplainAsync(string? browserToken, string? otlpApiKey, CancellationToken cancellationToken)
    {
        try
        {
            return await StartServerAsync(browserToken, otlpApiKey, preferDefaults: false, cancellationToken);
        }
        catch (IOException ex)
        {
            throw Unbindable(ex);
        }
    }

    /// <summary>A port given explicitly is taken: say which setting to change rather than crash with a stack trace.</summary>
    private static DistributedApplicationException Unbindable(IOException ex) => new(
        $"The dashboard cannot listen: {ex.Message} Free the port or change AppHost:Dashboard:Port, :OtlpGrpcPort or :OtlpHttpPort (0 = any free port).", ex);

    /// <summary>An exact port as given; a default one when free (and <paramref name="preferDefault"/>), else the OS picks one.</summary>
    private static int Port(PortChoice choice, bool preferDefault) => choice switch
    {
        { Exact: true } => choice.Port,
        { Port: > 0 } when preferDefault && FreePort.IsFree(choice.Port) => choice.Port,
        _ => 0,
    };

    private static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
            _app = null;
        }

        if (_resources is not null)
        {
            await _resources.DisposeAsync();
            _resources = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Banner}OTLP receiver: {Grpc} (gRPC), {Http} (HTTP/protobuf).")]
    private partial void LogStarted(string banner, string grpc, string http);

    [LoggerMessage(Level = LogLevel.Information, Message = "A dashboard port was taken while binding ({Reason}); using free ports instead.")]
    private partial void LogPortRace(string reason);
}
