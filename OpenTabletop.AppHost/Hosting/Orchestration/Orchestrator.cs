using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTabletop.AppHost.Hosting.ApplicationModel;
using OpenTabletop.AppHost.Hosting.Logging;
using OpenTabletop.AppHost.Hosting.Processes;
using OpenTabletop.AppHost.Hosting.Provisioning;

namespace OpenTabletop.AppHost.Hosting.Orchestration;

/// <summary>
/// Our stand-in for Aspire's DCP: provides the servers, then runs the projects in dependency order
/// with Aspire's environment, reports their states, and stops everything (projects first) at the end.
/// </summary>
internal sealed partial class Orchestrator(
    DistributedApplicationModel model,
    IConfiguration configuration,
    ResourceNotificationService notifications,
    ResourceLoggerService logs,
    IServiceProvider services,
    ServerProvisioner provisioner,
    IToolAvailability tools,
    ProjectOutput output,
    ILogger<Orchestrator> logger,
    Func<OtlpSettings?> dashboardOtlp)
{
    private readonly ConcurrentDictionary<IResource, IRunningServer> _servers = new();
    private readonly ConcurrentDictionary<IResource, ChildProcess> _processes = new();
    private readonly List<Task> _monitors = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly Lock _portsGate = new();
    private List<Task> _startTasks = [];
    private Task? _stopTask;

    /// <summary>
    /// Returns once every server is healthy, every project runs (healthy, where it has a health check)
    /// and every project waited on for completion has completed; otherwise stops everything and throws
    /// the first failure with the failing resource's last log lines.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var start = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        foreach (var resource in model.Resources)
        {
            notifications.PublishUpdate(resource, s => s with { State = KnownResourceStates.NotStarted });
        }

        var tasks = model.Resources
            .Where(resource => resource is ServerResource or ProcessResource)
            .Select(resource => Task.Run(() => StartResourceAsync(resource, start.Token), CancellationToken.None))
            .ToList();
        lock (_gate)
        {
            _startTasks = tasks;
        }

        Exception? failure = null;
        var pending = tasks.ToList();
        while (pending.Count > 0)
        {
            var finished = await Task.WhenAny(pending);
            pending.Remove(finished);
            if (finished.IsFaulted && failure is null)
            {
                failure = finished.Exception!.InnerException!;
                await start.CancelAsync();
            }
        }

        if (failure is not null)
        {
            await StopAsync();
            throw failure is DistributedApplicationException ? failure : new DistributedApplicationException(failure.Message, failure);
        }

        if (start.IsCancellationRequested)
        {
            var notUp = DescribeUnfinished();
            await StopAsync();
            throw new OperationCanceledException($"Starting the application was cancelled. Not up yet: {notUp}", cancellationToken);
        }
    }

    /// <summary>Which resources were not up and what they waited on, so a timed-out start says why.</summary>
    private string DescribeUnfinished()
    {
        var unfinished = new List<string>();
        foreach (var resource in model.Resources.Where(resource => resource is ServerResource or ProcessResource))
        {
            var snapshot = notifications.GetCurrent(resource.Name).Snapshot;
            if (snapshot.State == KnownResourceStates.Running && snapshot.HealthStatus == HealthStatus.Healthy
                || snapshot.State == KnownResourceStates.Finished && snapshot.ExitCode == 0)
            {
                continue;
            }

            var waitingOn = snapshot.State != KnownResourceStates.Waiting
                ? ""
                : string.Concat(resource.Annotations.OfType<WaitAnnotation>().Select(wait =>
                {
                    var target = Target(wait);
                    var verb = wait.WaitType == WaitType.WaitForCompletion ? "to complete" : "to become healthy";
                    return $" for '{target.Name}' {verb}, which is {notifications.GetCurrent(target.Name).Snapshot.State};";
                })).TrimEnd(';');
            unfinished.Add($"{resource.Name} ({snapshot.State}{waitingOn})");
        }

        return unfinished.Count == 0 ? "(nothing)" : string.Join(", ", unfinished);
    }

    public Task StopAsync()
    {
        lock (_gate)
        {
            return _stopTask ??= StopCoreAsync();
        }
    }

    private async Task StartResourceAsync(IResource resource, CancellationToken cancellationToken)
    {
        try
        {
            switch (resource)
            {
                case ServerResource server:
                    await StartServerAsync(server, cancellationToken);
                    break;
                case ProcessResource process:
                    await StartProcessAsync(process, cancellationToken);
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (DistributedApplicationException ex)
        {
            notifications.PublishUpdate(resource, s => s with { State = KnownResourceStates.FailedToStart, Error = ex.Message });
            throw;
        }
        catch (Exception ex)
        {
            var failed = notifications.PublishUpdate(resource, s => s with { State = KnownResourceStates.FailedToStart, Error = ex.Message });
            throw notifications.DescribeFailure(failed);
        }
    }

    private async Task StartServerAsync(ServerResource resource, CancellationToken cancellationToken)
    {
        notifications.PublishUpdate(resource, s => s with { State = KnownResourceStates.Starting });
        var log = logs.GetLog(resource.Name);

        ProviderChoice choice;
        IRunningServer server;
        if (resource is PostgresServerResource postgres)
        {
            choice = await ProviderSelection.ChoosePostgresAsync(
                configuration, postgres.Name, [postgres.Name, .. postgres.Databases.Select(d => d.Name)], tools, cancellationToken);
            server = await provisioner.StartPostgresAsync(postgres, choice, log, cancellationToken);
        }
        else
        {
            choice = await ProviderSelection.ChooseCacheAsync(configuration, resource.Name, tools, cancellationToken);
            server = await provisioner.StartCacheAsync((RedisResource)resource, choice, log, cancellationToken);
        }

        _servers[resource] = server;
        resource.ConnectionString = server.ConnectionString;
        resource.Provider = server.Provider;
        LogProviderChosen(resource.Name, server.Description, choice.Reason);

        if (_stopping.IsCancellationRequested)
        {
            await server.StopAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
        }

        var pid = server is LocalPostgresServer local ? local.ProcessId : server is RedisServerProcess redis ? redis.ProcessId : null;
        notifications.PublishUpdate(resource, s => s with
        {
            State = KnownResourceStates.Running,
            HealthStatus = HealthStatus.Healthy,
            StartedAt = DateTimeOffset.UtcNow,
            ProcessId = pid,
        });
        if (resource is PostgresServerResource withDatabases)
        {
            foreach (var database in withDatabases.Databases)
            {
                notifications.PublishUpdate(database, s => s with { State = KnownResourceStates.Running, HealthStatus = HealthStatus.Healthy });
            }
        }

        await RunReadyCallbacksAsync(resource, cancellationToken);
    }

    private async Task StartProcessAsync(ProcessResource project, CancellationToken cancellationToken)
    {
        var log = logs.GetLog(project.Name);
        await WaitForDependenciesAsync(project, log, cancellationToken);

        notifications.PublishUpdate(project, s => s with { State = KnownResourceStates.Starting });
        AllocateEndpoints(project);
        var (command, arguments, workingDirectory) = project switch
        {
            ProjectResource dotnetProject => (
                output.Dotnet,
                (IReadOnlyList<string>)[await output.EnsureBuiltAsync(dotnetProject.ProjectPath, log, cancellationToken)],
                Path.GetDirectoryName(dotnetProject.ProjectPath)),
            ExecutableResource executable => (executable.Command, executable.Arguments, executable.WorkingDirectory),
            _ => throw new InvalidOperationException($"Cannot run '{project.Name}'."),
        };
        var environment = await BuildEnvironmentAsync(project, cancellationToken);

        var process = ChildProcess.Start(
            new ChildProcessSpec(command, arguments)
            {
                WorkingDirectory = workingDirectory,
                Environment = environment,
                ParentDeathSignal = Signal.Terminate,
                NewSession = true,
            },
            log);
        _processes[project] = process;
        lock (_gate)
        {
            _monitors.Add(MonitorAsync(project, process));
        }

        if (_stopping.IsCancellationRequested)
        {
            // Stop began while we were launching; StopCoreAsync may already have passed this process.
            await process.StopAsync(Signal.Terminate, TimeSpan.FromSeconds(10), CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
        }

        var urls = project.Annotations.OfType<EndpointAnnotation>().Select(e => e.Url).OfType<string>().ToList();
        var healthCheck = project.Annotations.OfType<HttpHealthCheckAnnotation>().FirstOrDefault();
        notifications.PublishUpdate(project, s => s with
        {
            State = KnownResourceStates.Running,
            ProcessId = process.Id,
            StartedAt = DateTimeOffset.UtcNow,
            Urls = urls,
            // As in Aspire, a resource without health checks is healthy as soon as it runs.
            HealthStatus = healthCheck is null ? HealthStatus.Healthy : null,
        });

        if (healthCheck is not null)
        {
            await WaitUntilHealthyAsync(project, healthCheck, process, cancellationToken);
        }

        await RunReadyCallbacksAsync(project, cancellationToken);
    }

    private async Task WaitForDependenciesAsync(ProcessResource project, ResourceLog log, CancellationToken cancellationToken)
    {
        var waits = project.Annotations.OfType<WaitAnnotation>().ToList();

        // A referenced server must at least be provided (its connection string known) before launch,
        // even without an explicit WaitFor.
        var implicitWaits = project.Annotations.OfType<ConnectionStringReferenceAnnotation>()
            .Select(reference => reference.Resource is IResourceWithParent child ? child.Parent : reference.Resource)
            .Where(server => waits.All(wait => !ReferenceEquals(Target(wait), server)))
            .Distinct()
            .ToList();
        if (waits.Count == 0 && implicitWaits.Count == 0)
        {
            return;
        }

        notifications.PublishUpdate(project, s => s with { State = KnownResourceStates.Waiting });
        await Task.WhenAll(
            waits.Select(wait => WaitForAsync(wait, log, cancellationToken))
                .Concat(implicitWaits.Select(server => WaitForAsync(new WaitAnnotation(server, WaitType.WaitUntilHealthy), log: null, cancellationToken))));
    }

    private async Task WaitForAsync(WaitAnnotation wait, ResourceLog? log, CancellationToken cancellationToken)
    {
        var target = Target(wait);
        log?.Write($"Waiting for resource '{target.Name}' to {(wait.WaitType == WaitType.WaitForCompletion ? "complete" : "become healthy")}.");

        if (wait.WaitType == WaitType.WaitForCompletion)
        {
            var completed = await notifications.WaitForResourceAsync(target.Name, KnownResourceStates.TerminalStates, cancellationToken);
            if (completed.Snapshot.State == KnownResourceStates.FailedToStart || completed.Snapshot.ExitCode != wait.ExitCode)
            {
                throw Dependency(completed, $"Resource '{target.Name}' has entered the '{completed.Snapshot.State}' state with exit code '{completed.Snapshot.ExitCode}', expected '{wait.ExitCode}'.");
            }
        }
        else
        {
            var ready = await notifications.WaitForResourceAsync(
                target.Name,
                e => e.Snapshot.State == KnownResourceStates.Running && e.Snapshot.HealthStatus == HealthStatus.Healthy
                    || KnownResourceStates.IsTerminal(e.Snapshot.State),
                cancellationToken);
            if (ready.Snapshot.State != KnownResourceStates.Running)
            {
                throw Dependency(ready, $"Dependency resource '{target.Name}' failed to start.");
            }
        }

        log?.Write($"Finished waiting for resource '{target.Name}'.");
    }

    private DistributedApplicationException Dependency(ResourceEvent e, string message)
    {
        var detail = e.Snapshot.State == KnownResourceStates.FailedToStart && e.Snapshot.Error is { } error
            ? error
            : $"Last lines of its log:{Environment.NewLine}{logs.GetLog(e.ResourceName).FormatTail(20)}";
        return new DistributedApplicationException(e.ResourceName, $"{message}{Environment.NewLine}{detail}");
    }

    private static IResource Target(WaitAnnotation wait) =>
        wait.WaitType == WaitType.WaitUntilHealthy && wait.Resource is IResourceWithParent child ? child.Parent : wait.Resource;

    private void AllocateEndpoints(ProcessResource project)
    {
        lock (_portsGate)
        {
            foreach (var endpoint in project.Annotations.OfType<EndpointAnnotation>().Where(e => e.AllocatedPort is null))
            {
                endpoint.AllocatedPort = Allocate(project, endpoint);
            }
        }
    }

    private static int Allocate(ProcessResource project, EndpointAnnotation endpoint) =>
        endpoint switch
            {
            { Port: > 0 and var port } when FreePort.IsFree(port) => port,
            { Port: > 0 and var port } => throw new InvalidOperationException(
                $"Port {port} configured for {project.Name}'s '{endpoint.Name}' endpoint is in use."),
            { Port: null, PreferredPort: > 0 and var preferred } => FreePort.Prefer(preferred),
            _ => FreePort.Find(),
        };

    private async Task<Dictionary<string, string?>> BuildEnvironmentAsync(ProcessResource project, CancellationToken cancellationToken)
    {
        var connectionStrings = new List<KeyValuePair<string, string>>();
        foreach (var reference in project.Annotations.OfType<ConnectionStringReferenceAnnotation>())
        {
            var connectionString = await reference.Resource.GetConnectionStringAsync(cancellationToken)
                ?? throw new InvalidOperationException($"'{reference.Resource.Name}' has no connection string yet.");
            connectionStrings.Add(new(reference.ConnectionName, connectionString));
        }

        var serviceEndpoints = project.Annotations.OfType<ServiceReferenceAnnotation>()
            .SelectMany(reference => reference.Project.Annotations.OfType<EndpointAnnotation>()
                .Select(endpoint => new ServiceEndpoint(reference.Project.Name, endpoint.Name, EndpointUrl(reference.Project, endpoint))))
            .ToList();

        var computed = ProjectEnvironment.Build(new ProjectEnvironmentInputs
        {
            ResourceName = project.Name,
            EnvironmentName = ProjectEnvironment.EnvironmentName(configuration),
            HttpUrl = project.GetEndpoint("http").Annotation?.Url,
            ConnectionStrings = connectionStrings,
            ServiceEndpoints = serviceEndpoints,
            // An endpoint given to the AppHost wins; otherwise our dashboard's receiver, when it runs.
            Otlp = ProjectEnvironment.ReadOtlp(configuration) ?? dashboardOtlp(),
        });

        var context = new EnvironmentCallbackContext(computed);
        foreach (var callback in project.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            callback.Callback(context);
        }

        var environment = computed.ToDictionary(pair => pair.Key, pair => (string?)pair.Value, StringComparer.Ordinal);
        foreach (var (name, value) in context.EnvironmentVariables)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>
    /// A referenced project's endpoint; the referencing project may start first, so a port not yet
    /// allocated is allocated here (AllocateEndpoints keeps it).
    /// </summary>
    private string EndpointUrl(ProcessResource target, EndpointAnnotation endpoint)
    {
        AllocateEndpoints(target);
        return endpoint.Url!;
    }

    private async Task WaitUntilHealthyAsync(ProcessResource project, HttpHealthCheckAnnotation check, ChildProcess process, CancellationToken cancellationToken)
    {
        var url = project.GetEndpoint(check.EndpointName).Url.TrimEnd('/') + "/" + check.Path.TrimStart('/');
        var nextReport = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        int? lastStatus = null;
        while (true)
        {
            if (process.HasExited)
            {
                await process.Completion;
                var exited = await notifications.WaitForResourceAsync(project.Name, KnownResourceStates.TerminalStates, cancellationToken);
                throw notifications.DescribeFailure(exited);
            }

            var status = await HttpHealthProbe.GetStatusAsync(url, cancellationToken);
            if (status == check.StatusCode)
            {
                notifications.PublishUpdate(project, s => s with { HealthStatus = HealthStatus.Healthy });
                return;
            }

            if (status != lastStatus)
            {
                notifications.PublishUpdate(project, s => s with { HealthStatus = HealthStatus.Unhealthy });
                lastStatus = status;
            }

            if (DateTime.UtcNow > nextReport)
            {
                LogStillUnhealthy(project.Name, url, status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer");
                nextReport = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    private async Task MonitorAsync(ProcessResource project, ChildProcess process)
    {
        var exitCode = await process.Completion;
        notifications.PublishUpdate(project, s => s with
        {
            State = exitCode == 0 ? KnownResourceStates.Finished : KnownResourceStates.Exited,
            ExitCode = exitCode,
            StoppedAt = DateTimeOffset.UtcNow,
        });

        if (!_stopping.IsCancellationRequested)
        {
            if (exitCode == 0)
            {
                LogCompleted(project.Name);
            }
            else
            {
                LogExited(project.Name, exitCode);
            }
        }
    }

    private async Task RunReadyCallbacksAsync(IResource resource, CancellationToken cancellationToken)
    {
        foreach (var callback in resource.Annotations.OfType<ResourceReadyCallbackAnnotation>())
        {
            await callback.Callback(new ResourceReadyEvent(resource, services), cancellationToken);
        }
    }

    private async Task StopCoreAsync()
    {
        await _stopping.CancelAsync();

        List<Task> startTasks;
        lock (_gate)
        {
            startTasks = [.. _startTasks];
        }

        // Let cancelled starts unwind first, so that nothing is launched behind our back.
        await Task.WhenAll(startTasks.Select(task => task.ContinueWith(_ => { }, TaskScheduler.Default)));

        // Projects first (they hold connections), then the servers they used.
        await Task.WhenAll(_processes.Select(async pair =>
        {
            if (!pair.Value.HasExited)
            {
                notifications.PublishUpdate(pair.Key, s => s with { State = KnownResourceStates.Stopping });
            }

            await pair.Value.StopAsync(Signal.Terminate, TimeSpan.FromSeconds(10));
        }));

        List<Task> monitors;
        lock (_gate)
        {
            monitors = [.. _monitors];
        }

        await Task.WhenAll(monitors);

        await Task.WhenAll(_servers.Select(async pair =>
        {
            notifications.PublishUpdate(pair.Key, s => s with { State = KnownResourceStates.Stopping });
            try
            {
                await pair.Value.StopAsync();
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException)
            {
                LogStopFailed(pair.Key.Name, ex.Message);
            }

            notifications.PublishUpdate(pair.Key, s => s with { State = KnownResourceStates.Finished, StoppedAt = DateTimeOffset.UtcNow });
        }));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Resource}: {Description} ({Reason}).")]
    private partial void LogProviderChosen(string resource, string description, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} is not healthy yet: GET {Url} gives {Status}.")]
    private partial void LogStillUnhealthy(string resource, string url, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Resource} completed (exit code 0).")]
    private partial void LogCompleted(string resource);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} exited with code {ExitCode}.")]
    private partial void LogExited(string resource, int exitCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping {Resource} failed: {Reason}")]
    private partial void LogStopFailed(string resource, string reason);
}
