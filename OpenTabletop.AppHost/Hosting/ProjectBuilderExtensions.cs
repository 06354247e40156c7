using OpenTabletop.AppHost.Hosting.ApplicationModel;
using OpenTabletop.AppHost.Hosting.Orchestration;

namespace OpenTabletop.AppHost.Hosting;

public static class ProjectBuilderExtensions
{
    /// <summary>
    /// A .NET project, by path relative to the AppHost project folder. As in Aspire, an http endpoint
    /// is added when the project's launch profile has an http application URL.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddProject(this IDistributedApplicationBuilder builder, string name, string projectPath)
    {
        var fullPath = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, projectPath));
        if (!File.Exists(fullPath))
        {
            throw new DistributedApplicationException($"Project '{name}': {fullPath} does not exist.");
        }

        var project = builder.AddResource(new ProjectResource(name, fullPath));
        foreach (var scheme in LaunchProfile.ApplicationUrlSchemes(Path.GetDirectoryName(fullPath)!))
        {
            // No https: the orchestrator has no certificate to give, and the services run behind it on loopback.
            if (scheme == "http")
            {
                project.WithAnnotation(new EndpointAnnotation("http"));
            }
        }

        return project;
    }

    /// <summary>A command run with the projects' environment contract; <paramref name="workingDirectory"/> is relative to the AppHost folder.</summary>
    public static IResourceBuilder<ExecutableResource> AddExecutable(this IDistributedApplicationBuilder builder, string name, string command, string workingDirectory, params string[] args) =>
        builder.AddResource(new ExecutableResource(name, command, Path.GetFullPath(Path.Combine(builder.AppHostDirectory, workingDirectory)), args));

    public static IResourceBuilder<T> WithHttpEndpoint<T>(this IResourceBuilder<T> builder, int? port = null, string name = "http")
        where T : IResourceWithEndpoints
    {
        if (builder.Resource.Annotations.OfType<EndpointAnnotation>().Any(endpoint => endpoint.Name == name))
        {
            throw new DistributedApplicationException($"Endpoint with name '{name}' already exists on '{builder.Resource.Name}'.");
        }

        return builder.WithAnnotation(new EndpointAnnotation(name) { Port = port });
    }

    /// <summary>Changes an endpoint, e.g. the port of the one the launch profile declared.</summary>
    public static IResourceBuilder<T> WithEndpoint<T>(this IResourceBuilder<T> builder, string name, Action<EndpointAnnotation> configure)
        where T : IResourceWithEndpoints
    {
        var endpoint = builder.Resource.Annotations.OfType<EndpointAnnotation>().FirstOrDefault(e => e.Name == name);
        if (endpoint is null)
        {
            endpoint = new EndpointAnnotation(name);
            builder.WithAnnotation(endpoint);
        }

        configure(endpoint);
        return builder;
    }

    public static IResourceBuilder<T> WithExternalHttpEndpoints<T>(this IResourceBuilder<T> builder)
        where T : IResourceWithEndpoints
    {
        foreach (var endpoint in builder.Resource.Annotations.OfType<EndpointAnnotation>().Where(e => e.UriScheme is "http" or "https"))
        {
            endpoint.IsExternal = true;
        }

        return builder.WithAnnotation(new ExternalEndpointsAnnotation());
    }

    /// <summary>The resource is healthy once GET <paramref name="path"/> answers <paramref name="statusCode"/>.</summary>
    public static IResourceBuilder<T> WithHttpHealthCheck<T>(this IResourceBuilder<T> builder, string path = "/", int statusCode = 200, string endpointName = "http")
        where T : IResourceWithEndpoints =>
        builder.WithAnnotation(new HttpHealthCheckAnnotation(path, statusCode, endpointName));
}
