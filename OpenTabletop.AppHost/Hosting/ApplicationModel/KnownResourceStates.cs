namespace OpenTabletop.AppHost.Hosting.ApplicationModel;

/// <summary>The resource states Aspire reports, with the same names.</summary>
public static class KnownResourceStates
{
    public const string NotStarted = "NotStarted";
    public const string Waiting = "Waiting";
    public const string Starting = "Starting";
    public const string Running = "Running";
    public const string RuntimeUnhealthy = "RuntimeUnhealthy";
    public const string Stopping = "Stopping";
    public const string Finished = "Finished";
    public const string Exited = "Exited";
    public const string FailedToStart = "FailedToStart";

    /// <summary>States a resource does not leave without being started again.</summary>
    public static IReadOnlyList<string> TerminalStates { get; } = [Finished, Exited, FailedToStart];

    public static bool IsTerminal(string state) => TerminalStates.Contains(state);
}
