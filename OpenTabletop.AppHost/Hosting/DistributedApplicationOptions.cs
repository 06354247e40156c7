namespace OpenTabletop.AppHost.Hosting;

public sealed class DistributedApplicationOptions
{
    public string[] Args { get; init; } = [];

    /// <summary>
    /// Hosted by a test: no console signal handling and no console logging (the test reads the
    /// resource logs and failures carry their last lines).
    /// </summary>
    public bool IsTestHost { get; init; }

    /// <summary>Overrides the search for the AppHost project folder.</summary>
    public string? AppHostDirectory { get; init; }
}
