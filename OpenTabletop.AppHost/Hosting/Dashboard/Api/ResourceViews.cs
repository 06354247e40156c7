using System.Collections.Concurrent;
using Npgsql;
using OpenTabletop.AppHost.Hosting.ApplicationModel;

namespace OpenTabletop.AppHost.Hosting.Dashboard.Api;

/// <summary>
/// The orchestrator's model and notifications as the resources page shows them. Counts starts per
/// resource from the notifications, since a snapshot only holds the latest state.
/// </summary>
internal sealed class ResourceViews(DistributedApplicationModel model, ResourceNotificationService notifications) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> _starts = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _watching;

    public void StartWatching() => _watching = Task.Run(async () =>
    {
        try
        {
            await foreach (var e in notifications.WatchAsync(_stopping.Token))
            {
                if (e.Snapshot.State == KnownResourceStates.Starting)
                {
                    _starts.AddOrUpdate(e.ResourceName, 1, (_, count) => count + 1);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    });

    public IReadOnlyList<ResourceView> All() => [.. model.Resources.Select(View)];

    public ResourceView? Find(string name) =>
        model.Resources.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)) is { } resource ? View(resource) : null;

    private ResourceView View(IResource resource)
    {
        var snapshot = notifications.GetCurrent(resource.Name).Snapshot;
        return new ResourceView(
            resource.Name,
            resource switch
            {
                PostgresServerResource => "PostgreSQL",
                PostgresDatabaseResource => "Database",
                RedisResource => "Cache",
                ProjectResource => "Project",
                ExecutableResource => "Executable",
                _ => resource.GetType().Name,
            },
            snapshot.State,
            snapshot.HealthStatus?.ToString(),
            Endpoints(resource, snapshot),
            snapshot.StartedAt,
            snapshot.StoppedAt,
            snapshot.ExitCode,
            Math.Max(0, _starts.GetValueOrDefault(resource.Name) - 1),
            snapshot.ProcessId,
            (resource as ServerResource)?.Provider,
            (resource as IResourceWithParent)?.Parent.Name,
            snapshot.Error);
    }

    /// <summary>Projects' URLs; for servers, where they listen (never their credentials).</summary>
    private static IReadOnlyList<string> Endpoints(IResource resource, ResourceSnapshot snapshot)
    {
        if (snapshot.Urls.Count > 0)
        {
            return snapshot.Urls;
        }

        try
        {
            return resource switch
            {
                PostgresServerResource { ConnectionString: { } cs } => [$"tcp://{new NpgsqlConnectionStringBuilder(cs).Host}:{new NpgsqlConnectionStringBuilder(cs).Port}"],
                RedisResource { ConnectionString: { } cs } => [$"tcp://{cs.Split(',')[0].Trim()}"],
                _ => [],
            };
        }
        catch (ArgumentException)
        {
            return [];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_watching is not null)
        {
            await _watching;
        }

        _stopping.Dispose();
    }
}
