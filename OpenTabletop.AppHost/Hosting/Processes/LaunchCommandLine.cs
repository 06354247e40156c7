namespace OpenTabletop.AppHost.Hosting.Processes;

/// <summary>
/// Turns a <see cref="ChildProcessSpec"/> into the command line actually executed: the util-linux
/// wrappers <c>setsid</c> and <c>setpriv</c> exec in place, so the child keeps the process id we started
/// and signals sent to it reach the real program.
/// </summary>
public static class LaunchCommandLine
{
    public static (string FileName, IReadOnlyList<string> Arguments) Build(ChildProcessSpec spec, ICommandLocator tools)
    {
        var prefix = new List<string>();

        if (spec.NewSession && tools.Find("setsid") is { } setsid)
        {
            prefix.Add(setsid);
        }

        var setpriv = spec.RunAsUser is not null || spec.ParentDeathSignal is not null ? tools.Find("setpriv") : null;
        if (setpriv is not null)
        {
            prefix.Add(setpriv);
            if (spec.RunAsUser is { } user)
            {
                prefix.Add($"--reuid={user}");
                prefix.Add($"--regid={user}");
                prefix.Add("--init-groups");
            }

            if (spec.ParentDeathSignal is { } signal)
            {
                prefix.Add($"--pdeathsig={signal.ShortName()}");
            }

            prefix.Add("--");
        }
        else if (spec.RunAsUser is { } user)
        {
            // runuser forks and stays as the parent, so signals go through it; acceptable as a fallback.
            var runuser = tools.Find("runuser")
                ?? throw new InvalidOperationException(
                    $"Running '{spec.FileName}' as user '{user}' needs setpriv or runuser (util-linux); neither is on PATH.");
            prefix.AddRange([runuser, "-u", user, "--"]);
        }

        if (prefix.Count == 0)
        {
            return (spec.FileName, spec.Arguments);
        }

        return (prefix[0], [.. prefix.Skip(1), spec.FileName, .. spec.Arguments]);
    }
}
