using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OpenTabletop.AppHost.Hosting.Logging;

/// <summary>One <see cref="ResourceLog"/> per resource, echoed through a logger category per resource.</summary>
public sealed class ResourceLoggerService(ILoggerFactory loggerFactory)
{
    /// <summary>Loggers under this category prefix print as <c>[resource] line</c>.</summary>
    public const string CategoryPrefix = "OpenTabletop.AppHost.Resources.";

    private readonly ConcurrentDictionary<string, ResourceLog> _logs = new(StringComparer.OrdinalIgnoreCase);

    public ResourceLog GetLog(string resourceName) =>
        _logs.GetOrAdd(resourceName, name => new ResourceLog(name, loggerFactory.CreateLogger(CategoryPrefix + name)));
}
