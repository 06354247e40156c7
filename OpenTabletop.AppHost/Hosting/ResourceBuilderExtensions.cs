using OpenTabletop.AppHost.Hosting.ApplicationModel;

namespace OpenTabletop.AppHost.Hosting;

public static class ResourceBuilderExtensions
{
    /// <summary>Passes the source's connection string as <c>ConnectionStrings__&lt;connectionName ?? source name&gt;</c>.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithConnectionString> source, string? connectionName = null)
        where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new ConnectionStringReferenceAnnotation(source.Resource, connectionName ?? source.Resource.Name));

    /// <summary>Passes the project's endpoints as <c>services__&lt;name&gt;__&lt;endpoint&gt;__0</c> for service discovery.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<ProcessResource> source)
        where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new ServiceReferenceAnnotation(source.Resource));

    /// <summary>Starts only once the dependency runs and is healthy. Waiting on a database waits on its server.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResourceWithWaitSupport
    {
        EnsureNotSelf(builder.Resource, dependency.Resource);
        return builder.WithAnnotation(new WaitAnnotation(dependency.Resource, WaitType.WaitUntilHealthy));
    }

    /// <summary>Starts only once the dependency has run to completion with <paramref name="exitCode"/>; otherwise fails.</summary>
    public static IResourceBuilder<T> WaitForCompletion<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency, int exitCode = 0)
        where T : IResourceWithWaitSupport
    {
        EnsureNotSelf(builder.Resource, dependency.Resource);
        if (dependency.Resource is not ProcessResource)
        {
            throw new DistributedApplicationException($"'{dependency.Resource.Name}' does not run to completion; use WaitFor.");
        }

        return builder.WithAnnotation(new WaitAnnotation(dependency.Resource, WaitType.WaitForCompletion, exitCode));
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new EnvironmentCallbackAnnotation(context => context.EnvironmentVariables[name] = value));

    /// <summary>Adds variables computed when the resource is launched.</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, Action<EnvironmentCallbackContext> callback)
        where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new EnvironmentCallbackAnnotation(callback));

    /// <summary>Runs <paramref name="callback"/> once the resource is healthy.</summary>
    public static IResourceBuilder<T> OnResourceReady<T>(this IResourceBuilder<T> builder, Func<T, ResourceReadyEvent, CancellationToken, Task> callback)
        where T : IResource
    {
        var resource = builder.Resource;
        return builder.WithAnnotation(new ResourceReadyCallbackAnnotation((e, ct) => callback(resource, e, ct)));
    }

    private static void EnsureNotSelf(IResource resource, IResource dependency)
    {
        if (ReferenceEquals(resource, dependency))
        {
            throw new DistributedApplicationException($"The '{resource.Name}' resource cannot wait for itself.");
        }

        if (resource is IResourceWithParent child && ReferenceEquals(child.Parent, dependency))
        {
            throw new DistributedApplicationException($"The '{resource.Name}' resource cannot wait for its parent '{dependency.Name}'.");
        }
    }
}
