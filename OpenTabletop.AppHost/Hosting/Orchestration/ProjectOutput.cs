using OpenTabletop.AppHost.Hosting.Logging;
using OpenTabletop.AppHost.Hosting.Processes;

namespace OpenTabletop.AppHost.Hosting.Orchestration;

/// <summary>
/// Finds a project's build output (bin/&lt;configuration&gt;/&lt;tfm&gt;/&lt;name&gt;.dll), building it
/// first when it is missing or older than the project's sources.
/// </summary>
internal sealed class ProjectOutput(string configuration, string targetFramework, string dotnet)
{
    // Parallel builds of projects sharing references fight over the same obj/ folders.
    private static readonly SemaphoreSlim BuildGate = new(1, 1);

    public string Dotnet { get; } = dotnet;

    public string AssemblyPath(string projectPath) =>
        Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", configuration, targetFramework, Path.GetFileNameWithoutExtension(projectPath) + ".dll");

    public async Task<string> EnsureBuiltAsync(string projectPath, ResourceLog log, CancellationToken cancellationToken)
    {
        var assembly = AssemblyPath(projectPath);
        if (WhyBuild(projectPath, assembly) is not { } reason)
        {
            return assembly;
        }

        await BuildGate.WaitAsync(cancellationToken);
        try
        {
            log.Write($"(building {Path.GetFileName(projectPath)} -c {configuration}: {reason})");
            var exitCode = await ChildProcess.RunAsync(
                new ChildProcessSpec(Dotnet, ["build", projectPath, "-c", configuration, "--nologo", "-v:q", "-nodeReuse:false", "-p:UseSharedCompilation=false"])
                {
                    // Build servers left running would hold our output pipes open.
                    Environment = new Dictionary<string, string?> { ["MSBUILDDISABLENODEREUSE"] = "1", ["DOTNET_CLI_UI_LANGUAGE"] = "en" },
                    WorkingDirectory = Path.GetDirectoryName(projectPath),
                },
                log,
                TimeSpan.FromMinutes(10),
                cancellationToken);
            if (exitCode != 0 || !File.Exists(assembly))
            {
                throw new InvalidOperationException($"Building {projectPath} failed (exit code {exitCode}).");
            }
        }
        finally
        {
            BuildGate.Release();
        }

        return assembly;
    }

    private static string? WhyBuild(string projectPath, string assembly)
    {
        if (!File.Exists(assembly))
        {
            return "no build output";
        }

        var built = File.GetLastWriteTimeUtc(assembly);
        var projectDirectory = Path.GetDirectoryName(projectPath)!;
        var newer = Directory.EnumerateFiles(projectDirectory, "*.*", SearchOption.AllDirectories)
            .Where(file => file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".csproj", StringComparison.Ordinal))
            .Where(file => !IsUnder(file, Path.Combine(projectDirectory, "bin")) && !IsUnder(file, Path.Combine(projectDirectory, "obj")))
            .FirstOrDefault(file => File.GetLastWriteTimeUtc(file) > built);
        return newer is null ? null : $"{Path.GetRelativePath(projectDirectory, newer)} changed since the last build";
    }

    private static bool IsUnder(string file, string directory) =>
        file.StartsWith(directory + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
