namespace OpenTabletop.AppHost.Hosting.ApplicationModel;

/// <summary>A resource the orchestrator runs as a child process: a project or a plain executable.</summary>
public abstract class ProcessResource(string name)
    : Resource(name), IResourceWithEnvironment, IResourceWithWaitSupport, IResourceWithEndpoints
{
    public EndpointReference GetEndpoint(string endpointName) => new(this, endpointName);
}

/// <summary>A .NET project the orchestrator builds (when needed) and runs from its build output.</summary>
public sealed class ProjectResource(string name, string projectPath) : ProcessResource(name)
{
    /// <summary>Absolute path of the .csproj.</summary>
    public string ProjectPath { get; } = projectPath;
}

/// <summary>
/// Any command, run with the same environment contract as a project. Aspire's deployment tools do not
/// accept executables, so the application itself uses projects; tests use these for stand-ins.
/// </summary>
public sealed class ExecutableResource(string name, string command, string workingDirectory, IReadOnlyList<string> arguments) : ProcessResource(name)
{
    public string Command { get; } = command;

    public string WorkingDirectory { get; } = workingDirectory;

    public IReadOnlyList<string> Arguments { get; } = arguments;
}
