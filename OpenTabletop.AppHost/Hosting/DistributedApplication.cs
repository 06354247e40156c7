using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTabletop.AppHost.Hosting.ApplicationModel;
using OpenTabletop.AppHost.Hosting.Dashboard;
using OpenTabletop.AppHost.Hosting.Logging;
using OpenTabletop.AppHost.Hosting.Orchestration;
using OpenTabletop.AppHost.Hosting.Provisioning;
using OpenTabletop.AppHost.Hosting.Publishing;

namespace OpenTabletop.AppHost.Hosting;

/// <summary>The built application: start, stop, or run it until Ctrl+C, as Aspire's class of the same name.</summary>
public sealed partial class DistributedApplication : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly DistributedApplicationOptions _options;
    private readonly Orchestrator _orchestrator;
    private readonly ILogger _logger;
    private readonly DashboardHost? _dashboard;
    private readonly List<IDisposable> _owned = [];
    private readonly string _appHostDirectory;
    private int _disposed;

    internal DistributedApplication(ServiceProvider services, DistributedApplicationOptions options, string appHostDirectory)
    {
        _services = services;
        _options = options;
        _appHostDirectory = appHostDirectory;
        _logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("OpenTabletop.AppHost");

        var configuration = services.GetRequiredService<IConfiguration>();
        var dataDirectory = configuration["AppHost:DataDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Path.GetDirectoryName(appHostDirectory)!, ".data");
        var settings = new ProvisioningSettings(dataDirectory, configuration["AppHost:NamePrefix"] ?? "opentabletop", Throwaway: options.IsTestHost);

        var dashboardOptions = DashboardOptions.From(configuration);
        _dashboard = ExecutionContext.IsRunMode && dashboardOptions.Enabled
            ? new DashboardHost(dashboardOptions, Model, ResourceNotifications, ResourceLogs, _logger)
            : null;

        _orchestrator = new Orchestrator(
            Model,
            configuration,
            ResourceNotifications,
            ResourceLogs,
            services,
            new ServerProvisioner(configuration, settings),
            services.GetService<IToolAvailability>() ?? new SystemToolAvailability(),
            new ProjectOutput(AppHostLocation.BuildConfiguration, AppHostLocation.TargetFramework, AppHostLocation.DotnetExecutable),
            services.GetRequiredService<ILogger<Orchestrator>>(),
            () => _dashboard?.OtlpSettings);
    }

    public IServiceProvider Services => _services;

    public DistributedApplicationModel Model => _services.GetRequiredService<DistributedApplicationModel>();

    public DistributedApplicationExecutionContext ExecutionContext => _services.GetRequiredService<DistributedApplicationExecutionContext>();

    public ResourceNotificationService ResourceNotifications => _services.GetRequiredService<ResourceNotificationService>();

    public ResourceLoggerService ResourceLogs => _services.GetRequiredService<ResourceLoggerService>();

    /// <summary>The dashboard's addresses once started; null when it is off (publish mode, disabled, or Aspire's dashboard is configured).</summary>
    public DashboardEndpoints? Dashboard => _dashboard?.Endpoints;

    public static IDistributedApplicationBuilder CreateBuilder(string[] args) =>
        new DistributedApplicationBuilder(new DistributedApplicationOptions { Args = args });

    public static IDistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options) =>
        new DistributedApplicationBuilder(options);

    /// <summary>
    /// Provides the servers and starts the projects in dependency order; returns once all are up, or
    /// stops everything and throws the first failure with that resource's last log lines.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (ExecutionContext.IsPublishMode)
        {
            throw new InvalidOperationException("The application is in publish mode; there is nothing to start.");
        }

        // First, so that the services are told where to send telemetry and their starts are watched.
        if (_dashboard is not null && _dashboard.Endpoints is null)
        {
            await _dashboard.StartAsync(cancellationToken);
        }

        await _orchestrator.StartAsync(cancellationToken);
    }

    /// <summary>Stops the projects (SIGTERM, then a kill after 10 s), then the servers; leaves no process behind.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _orchestrator.StopAsync().WaitAsync(cancellationToken);

    /// <summary>
    /// Runs until Ctrl+C or SIGTERM, then stops everything and disposes the application. Sets the exit
    /// code: 1 when a resource failed. In publish mode, writes what the publisher makes instead (exit 0,
    /// or see <see cref="PublishCommand"/>).
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (ExecutionContext.IsPublishMode)
        {
            // Nothing is started: the model is described for a deployment tool and the process exits.
            Environment.ExitCode = await PublishCommand.RunAsync(
                Model, ExecutionContext, _services.GetRequiredService<IConfiguration>(), _appHostDirectory, Console.Out, cancellationToken);
            await DisposeAsync();
            return;
        }

        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var signals = _options.IsTestHost ? null : ShutdownSignals.Register(shutdown, message => LogShutdown(message));
        try
        {
            await StartAsync(shutdown.Token);
            LogRunning();
            await Task.Delay(Timeout.Infinite, shutdown.Token);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
        }
        catch (DistributedApplicationException ex)
        {
            LogFailed(ex.Message);
            Environment.ExitCode = 1;
        }
        finally
        {
            await StopAsync(CancellationToken.None);
            LogStopped();
            await DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _orchestrator.StopAsync();
        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync();
        }

        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        // Flushes the console logger's queue.
        await _services.DisposeAsync();
    }

    /// <summary>Disposes <paramref name="disposable"/> after the application stops (a test's temporary folder).</summary>
    internal void DisposeWhenStopped(IDisposable disposable) => _owned.Add(disposable);

    [LoggerMessage(Level = LogLevel.Information, Message = "All resources are up. Press Ctrl+C to stop.")]
    private partial void LogRunning();

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message}")]
    private partial void LogShutdown(string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Message}")]
    private partial void LogFailed(string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped.")]
    private partial void LogStopped();
}
