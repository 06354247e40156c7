namespace OpenTabletop.AppHost.Hosting.ApplicationModel;

/// <summary>A .NET project the orchestrator builds (when needed) and runs as a child process.</summary>
public sealed class ProjectResource(string name, string projectPath)
    : Resource(name), IResourceWithEnvironment, IResourceWithWaitSupport, IResourceWithEndpoints
{
    /// <summary>Absolute path of the .csproj.</summary>
    public string ProjectPath { get; } = projectPath;

    public EndpointReference GetEndpoint(string endpointName) => new(this, endpointName);
}
