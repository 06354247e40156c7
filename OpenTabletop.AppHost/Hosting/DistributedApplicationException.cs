namespace OpenTabletop.AppHost.Hosting;

/// <summary>A resource failed to start or ended badly; the message carries its last log lines.</summary>
public sealed class DistributedApplicationException : Exception
{
    public DistributedApplicationException()
    {
    }

    public DistributedApplicationException(string message)
        : base(message)
    {
    }

    public DistributedApplicationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DistributedApplicationException(string resourceName, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ResourceName = resourceName;
    }

    /// <summary>The resource whose failure this reports.</summary>
    public string? ResourceName { get; }
}
