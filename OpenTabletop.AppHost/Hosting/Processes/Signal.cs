namespace OpenTabletop.AppHost.Hosting.Processes;

/// <summary>The POSIX signals the orchestrator sends; the numbers are the same on Linux and macOS.</summary>
public enum Signal
{
    Interrupt = 2,
    Quit = 3,
    Kill = 9,
    Terminate = 15,
}

internal static class SignalNames
{
    /// <summary>The short name tools such as <c>setpriv --pdeathsig</c> expect.</summary>
    public static string ShortName(this Signal signal) => signal switch
    {
        Signal.Interrupt => "INT",
        Signal.Quit => "QUIT",
        Signal.Kill => "KILL",
        Signal.Terminate => "TERM",
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, null),
    };
}
