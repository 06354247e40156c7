using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTabletop.AppHost.Hosting.ApplicationModel;

namespace OpenTabletop.AppHost.Hosting;

public interface IDistributedApplicationBuilder
{
    /// <summary>appsettings.json of the AppHost, environment variables and the command line.</summary>
    ConfigurationManager Configuration { get; }

    IServiceCollection Services { get; }

    DistributedApplicationExecutionContext ExecutionContext { get; }

    /// <summary>The AppHost project folder; project paths are relative to it.</summary>
    string AppHostDirectory { get; }

    IReadOnlyList<IResource> Resources { get; }

    IResourceBuilder<T> AddResource<T>(T resource)
        where T : IResource;

    IResourceBuilder<T> CreateResourceBuilder<T>(T resource)
        where T : IResource;

    DistributedApplication Build();
}

public interface IResourceBuilder<out T>
    where T : IResource
{
    IDistributedApplicationBuilder ApplicationBuilder { get; }

    T Resource { get; }

    IResourceBuilder<T> WithAnnotation(IResourceAnnotation annotation);
}

internal sealed class ResourceBuilder<T>(IDistributedApplicationBuilder applicationBuilder, T resource) : IResourceBuilder<T>
    where T : IResource
{
    public IDistributedApplicationBuilder ApplicationBuilder { get; } = applicationBuilder;

    public T Resource { get; } = resource;

    public IResourceBuilder<T> WithAnnotation(IResourceAnnotation annotation)
    {
        Resource.Annotations.Add(annotation);
        return this;
    }
}
