namespace OpenTabletop.AppHost.Hosting.ApplicationModel;

/// <summary>A named part of the distributed application: a server, a database on it, or a project.</summary>
public interface IResource
{
    string Name { get; }

    ResourceAnnotationCollection Annotations { get; }
}

/// <summary>Metadata attached to a resource by the builder methods (references, waits, endpoints...).</summary>
public interface IResourceAnnotation;

public sealed class ResourceAnnotationCollection : List<IResourceAnnotation>;

/// <summary>A resource others connect to with a connection string.</summary>
public interface IResourceWithConnectionString : IResource
{
    /// <summary>The connection string once the resource has been provisioned; null before.</summary>
    string? ConnectionString { get; }

    ValueTask<string?> GetConnectionStringAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(ConnectionString);
}

/// <summary>A resource that lives inside another (a database inside a server) and has no lifetime of its own.</summary>
public interface IResourceWithParent : IResource
{
    IResource Parent { get; }
}

/// <summary>A resource that receives environment variables (references, OTel settings).</summary>
public interface IResourceWithEnvironment : IResource;

/// <summary>A resource that can wait for others before it starts.</summary>
public interface IResourceWithWaitSupport : IResource;

/// <summary>A resource that listens on network endpoints.</summary>
public interface IResourceWithEndpoints : IResource;

public abstract class Resource(string name) : IResource
{
    public string Name { get; } = name;

    public ResourceAnnotationCollection Annotations { get; } = [];

    public override string ToString() => Name;
}
