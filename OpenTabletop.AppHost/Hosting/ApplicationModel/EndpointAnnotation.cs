namespace OpenTabletop.AppHost.Hosting.ApplicationModel;

/// <summary>A network endpoint a project listens on; the orchestrator allocates its port at start.</summary>
public sealed class EndpointAnnotation(string name, string scheme = "http") : IResourceAnnotation
{
    public string Name { get; } = name;

    public string UriScheme { get; } = scheme;

    /// <summary>Use exactly this port (failing if it is taken); 0 means any free port.</summary>
    public int? Port { get; set; }

    /// <summary>Use this port when it is free, otherwise any free port.</summary>
    public int? PreferredPort { get; set; }

    public bool IsExternal { get; set; }

    public string Host { get; } = "127.0.0.1";

    /// <summary>The port in use, once the resource has been started.</summary>
    public int? AllocatedPort { get; internal set; }

    public string? Url => AllocatedPort is { } port ? $"{UriScheme}://{Host}:{port}" : null;
}

/// <summary>Refers to an endpoint of a project, resolved once the orchestrator has allocated it.</summary>
public sealed class EndpointReference(ProcessResource resource, string endpointName)
{
    public ProcessResource Resource { get; } = resource;

    public string EndpointName { get; } = endpointName;

    public EndpointAnnotation? Annotation =>
        Resource.Annotations.OfType<EndpointAnnotation>().FirstOrDefault(endpoint => endpoint.Name == EndpointName);

    public bool Exists => Annotation is not null;

    public bool IsAllocated => Annotation?.AllocatedPort is not null;

    public string Url => Annotation?.Url
        ?? throw new InvalidOperationException($"Endpoint '{EndpointName}' of '{Resource.Name}' has not been allocated; start the application first.");

    public int Port => Annotation?.AllocatedPort
        ?? throw new InvalidOperationException($"Endpoint '{EndpointName}' of '{Resource.Name}' has not been allocated; start the application first.");
}
