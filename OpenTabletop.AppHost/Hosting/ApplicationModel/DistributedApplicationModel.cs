namespace OpenTabletop.AppHost.Hosting.ApplicationModel;

/// <summary>The resources of the application, in the order they were added.</summary>
public sealed class DistributedApplicationModel(IEnumerable<IResource> resources)
{
    public IReadOnlyList<IResource> Resources { get; } = [.. resources];

    public IResource Find(string name) =>
        Resources.FirstOrDefault(resource => string.Equals(resource.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"There is no resource named '{name}'.", nameof(name));
}
