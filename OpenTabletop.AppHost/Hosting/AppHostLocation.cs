using System.Reflection;

namespace OpenTabletop.AppHost.Hosting;

/// <summary>
/// Where the AppHost's project lives and how it was built, so that the service projects and the data
/// folder are found the same way from <c>dotnet run</c> at the repository root, from bin/, or from tests.
/// </summary>
public static class AppHostLocation
{
    private const string ProjectFileName = "OpenTabletop.AppHost.csproj";

    /// <summary>
    /// The folder holding the AppHost's .csproj: the path recorded at build time when it still exists,
    /// else the first match walking up from the assembly and from the current directory.
    /// </summary>
    public static string FindAppHostDirectory()
    {
        var recorded = typeof(AppHostLocation).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == "AppHostProjectDirectory")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, ProjectFileName)))
        {
            return recorded;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, ProjectFileName)))
                {
                    return directory.FullName;
                }

                var child = Path.Combine(directory.FullName, "OpenTabletop.AppHost");
                if (File.Exists(Path.Combine(child, ProjectFileName)))
                {
                    return child;
                }
            }
        }

        throw new InvalidOperationException(
            $"Cannot find {ProjectFileName} above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}; set AppHost:Directory.");
    }

    /// <summary>Debug or Release: whatever the AppHost itself was built with, so the services match it.</summary>
    public static string BuildConfiguration =>
        typeof(AppHostLocation).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } configuration
            ? configuration
            : "Debug";

    /// <summary>The target framework folder name, e.g. net10.0.</summary>
    public static string TargetFramework
    {
        get
        {
            // ".NETCoreApp,Version=v10.0" names what we were compiled for, even on a newer runtime.
            var name = AppContext.TargetFrameworkName;
            var marker = name?.IndexOf("Version=v", StringComparison.Ordinal) ?? -1;
            if (name is not null && marker >= 0)
            {
                return "net" + name[(marker + "Version=v".Length)..];
            }

            return $"net{Environment.Version.Major}.{Environment.Version.Minor}";
        }
    }

    /// <summary>The dotnet host: the one that launched us when known, else the one next to the running runtime.</summary>
    public static string DotnetExecutable
    {
        get
        {
            if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
            {
                return hostPath;
            }

            if (Environment.ProcessPath is { } processPath && Path.GetFileNameWithoutExtension(processPath) == "dotnet")
            {
                return processPath;
            }

            // The runtime lives in <root>/shared/Microsoft.NETCore.App/<version>/; the host is <root>/dotnet.
            var runtimeDirectory = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
            var root = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
            var candidate = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            return File.Exists(candidate) ? candidate : "dotnet";
        }
    }
}
