using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTabletop.AppHost.Hosting.Logging;

namespace OpenTabletop.AppHost.Hosting.ApplicationModel;

/// <summary>
/// Publishes resource state changes and lets callers wait for a state, as Aspire's service of the
/// same name does.
/// </summary>
public sealed class ResourceNotificationService(DistributedApplicationModel model, ResourceLoggerService logs)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ResourceSnapshot> _current = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Watcher> _watchers = [];

    public ResourceEvent GetCurrent(string resourceName)
    {
        var resource = model.Find(resourceName);
        lock (_gate)
        {
            return new ResourceEvent(resource, _current.GetValueOrDefault(resource.Name) ?? new ResourceSnapshot());
        }
    }

    /// <summary>Waits until the resource is in <paramref name="targetState"/> (by default Running).</summary>
    public Task<ResourceEvent> WaitForResourceAsync(string resourceName, string? targetState = null, CancellationToken cancellationToken = default)
    {
        var state = targetState ?? KnownResourceStates.Running;
        return WaitForResourceAsync(resourceName, e => string.Equals(e.Snapshot.State, state, StringComparison.OrdinalIgnoreCase), cancellationToken);
    }

    public Task<ResourceEvent> WaitForResourceAsync(string resourceName, IEnumerable<string> targetStates, CancellationToken cancellationToken = default)
    {
        var states = targetStates.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return WaitForResourceAsync(resourceName, e => states.Contains(e.Snapshot.State), cancellationToken);
    }

    public async Task<ResourceEvent> WaitForResourceAsync(string resourceName, Func<ResourceEvent, bool> predicate, CancellationToken cancellationToken = default)
    {
        var resource = model.Find(resourceName);
        var watcher = new Watcher(resource.Name, predicate);
        lock (_gate)
        {
            var current = new ResourceEvent(resource, _current.GetValueOrDefault(resource.Name) ?? new ResourceSnapshot());
            if (predicate(current))
            {
                return current;
            }

            _watchers.Add(watcher);
        }

        try
        {
            return await watcher.Completion.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(watcher);
            }
        }
    }

    /// <summary>
    /// Waits until the resource is healthy. Unlike a plain state wait it fails at once, with the
    /// resource's last log lines, when the resource fails to start or exits first.
    /// </summary>
    public async Task<ResourceEvent> WaitForResourceHealthyAsync(string resourceName, CancellationToken cancellationToken = default)
    {
        var e = await WaitForResourceAsync(
            resourceName,
            e => e.Snapshot.HealthStatus == HealthStatus.Healthy && e.Snapshot.State == KnownResourceStates.Running
                || KnownResourceStates.IsTerminal(e.Snapshot.State),
            cancellationToken);
        if (e.Snapshot.HealthStatus != HealthStatus.Healthy || e.Snapshot.State != KnownResourceStates.Running)
        {
            throw DescribeFailure(e);
        }

        return e;
    }

    /// <summary>Every change from now on, for every resource.</summary>
    public async IAsyncEnumerable<ResourceEvent> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<ResourceEvent>();
        var watcher = new Watcher(null, e => channel.Writer.TryWrite(e) && false);
        lock (_gate)
        {
            _watchers.Add(watcher);
        }

        try
        {
            await foreach (var e in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return e;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(watcher);
            }
        }
    }

    public ResourceEvent PublishUpdate(IResource resource, Func<ResourceSnapshot, ResourceSnapshot> update)
    {
        ResourceEvent e;
        List<Watcher> satisfied;
        lock (_gate)
        {
            var next = update(_current.GetValueOrDefault(resource.Name) ?? new ResourceSnapshot());
            _current[resource.Name] = next;
            e = new ResourceEvent(resource, next);
            satisfied = [.. _watchers.Where(w => (w.ResourceName is null || string.Equals(w.ResourceName, resource.Name, StringComparison.OrdinalIgnoreCase)) && w.Predicate(e))];
        }

        foreach (var watcher in satisfied)
        {
            watcher.Completion.TrySetResult(e);
        }

        return e;
    }

    /// <summary>Explains why a resource is not (or no longer) usable, with its last log lines.</summary>
    public DistributedApplicationException DescribeFailure(ResourceEvent e)
    {
        var snapshot = e.Snapshot;
        var what = snapshot.State switch
        {
            KnownResourceStates.FailedToStart => $"Resource '{e.ResourceName}' failed to start: {snapshot.Error}",
            KnownResourceStates.Exited or KnownResourceStates.Finished => $"Resource '{e.ResourceName}' has entered the '{snapshot.State}' state with exit code '{snapshot.ExitCode}'.",
            _ => $"Resource '{e.ResourceName}' is {snapshot.State}.",
        };
        // Provisioning errors already quote the server's log; don't print it twice.
        if (snapshot.Error?.Contains($"[{e.ResourceName}] ", StringComparison.Ordinal) == true)
        {
            return new DistributedApplicationException(e.ResourceName, what);
        }

        var tail = logs.GetLog(e.ResourceName).FormatTail(20);
        return new DistributedApplicationException(e.ResourceName, $"{what}{Environment.NewLine}Last lines of its log:{Environment.NewLine}{tail}");
    }

    private sealed class Watcher(string? resourceName, Func<ResourceEvent, bool> predicate)
    {
        public string? ResourceName { get; } = resourceName;

        public Func<ResourceEvent, bool> Predicate { get; } = predicate;

        public TaskCompletionSource<ResourceEvent> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
