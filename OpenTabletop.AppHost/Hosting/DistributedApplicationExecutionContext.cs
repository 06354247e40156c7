namespace OpenTabletop.AppHost.Hosting;

public enum DistributedApplicationOperation
{
    /// <summary>Start the resources locally (<c>dotnet run</c>).</summary>
    Run,

    /// <summary>Describe the resources for a deployment tool (<c>--publisher manifest</c>).</summary>
    Publish,
}

public sealed class DistributedApplicationExecutionContext(DistributedApplicationOperation operation, string? publisherName = null, string? outputPath = null)
{
    public DistributedApplicationOperation Operation { get; } = operation;

    public bool IsRunMode => Operation == DistributedApplicationOperation.Run;

    public bool IsPublishMode => Operation == DistributedApplicationOperation.Publish;

    public string? PublisherName { get; } = publisherName;

    public string? OutputPath { get; } = outputPath;
}
