namespace OpenTabletop.AppHost.Hosting.Processes;

/// <summary>What to run and how, before any wrapping for user switching or session handling.</summary>
public sealed record ChildProcessSpec(string FileName, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }

    /// <summary>Set on top of the inherited environment; a null value removes the variable.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Run as this system user (needs root); PostgreSQL refuses to run as root.</summary>
    public string? RunAsUser { get; init; }

    /// <summary>Signal the kernel sends the child if the orchestrator dies without stopping it.</summary>
    public Signal? ParentDeathSignal { get; init; }

    /// <summary>
    /// Start the child in its own session so that a Ctrl+C in the terminal reaches only the
    /// orchestrator, which then stops the children in dependency order.
    /// </summary>
    public bool NewSession { get; init; }
}
