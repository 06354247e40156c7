using OpenTabletop.AppHost.Hosting.Processes;

namespace OpenTabletop.Tests.AppHost;

public sealed class LaunchCommandLineTests
{
    private static readonly ICommandLocator UtilLinux = new Tools("setsid", "setpriv", "runuser");

    [Fact]
    public void PostgresRunsAsTheUnprivilegedUserInItsOwnSessionAndDiesWithUs()
    {
        var spec = new ChildProcessSpec("/usr/lib/postgresql/15/bin/postgres", ["-D", "/data"])
        {
            RunAsUser = "postgres",
            ParentDeathSignal = Signal.Interrupt,
            NewSession = true,
        };

        var (fileName, arguments) = LaunchCommandLine.Build(spec, UtilLinux);

        Assert.Equal("/bin/setsid", fileName);
        Assert.Equal(
            ["/bin/setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--pdeathsig=INT", "--", "/usr/lib/postgresql/15/bin/postgres", "-D", "/data"],
            arguments);
    }

    [Fact]
    public void PlainCommandIsRunAsIs()
    {
        var (fileName, arguments) = LaunchCommandLine.Build(new ChildProcessSpec("dotnet", ["api.dll"]), UtilLinux);

        Assert.Equal("dotnet", fileName);
        Assert.Equal(["api.dll"], arguments);
    }

    [Fact]
    public void WithoutSetprivTheUserSwitchFallsBackToRunuser()
    {
        var (fileName, arguments) = LaunchCommandLine.Build(new ChildProcessSpec("initdb", ["-D", "x"]) { RunAsUser = "postgres" }, new Tools("runuser"));

        Assert.Equal("/bin/runuser", fileName);
        Assert.Equal(["-u", "postgres", "--", "initdb", "-D", "x"], arguments);
    }

    [Fact]
    public void SwitchingUserWithoutToolsIsRefused()
    {
        Assert.Throws<InvalidOperationException>(() => LaunchCommandLine.Build(new ChildProcessSpec("initdb", []) { RunAsUser = "postgres" }, new Tools()));
    }

    private sealed class Tools(params string[] present) : ICommandLocator
    {
        public string? Find(string name) => present.Contains(name) ? "/bin/" + name : null;
    }
}
