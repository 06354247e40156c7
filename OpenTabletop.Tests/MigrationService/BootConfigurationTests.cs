using System.Diagnostics;

namespace OpenTabletop.Tests.MigrationService;

/// <summary>The real service binaries, started as an operator would, with a bad setting each.</summary>
public sealed class BootConfigurationTests
{
    [Theory]
    [InlineData("OpenTabletop.MigrationService", "Seed__Mode", "bogus", "Seed:Mode")]
    [InlineData("OpenTabletop.MigrationService", "Seed__Games", "-4", "Seed__Games")]
    [InlineData("OpenTabletop.Api", "LOG_FORMAT", "xml", "LOG_FORMAT")]
    [InlineData("OpenTabletop.Api", "MAX_REQUEST_BODY_BYTES", "1MB", "MAX_REQUEST_BODY_BYTES")]
    [InlineData("OpenTabletop.Materializer", "DATABASE_POOL_SIZE", "lots", "DATABASE_POOL_SIZE")]
    public async Task BadSettingStopsTheServiceWithOneLineNamingIt(string project, string variable, string value, string named)
    {
        var (exitCode, stdout, stderr) = await RunAsync(project, new()
        {
            // Nothing listens here: the service must stop before it ever connects.
            ["ConnectionStrings__opentabletop"] = "Host=127.0.0.1;Port=1;Database=never;Username=x;Password=y",
            [variable] = value,
        });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Configuration error:", line);
        Assert.Contains(named, line);
        Assert.DoesNotContain("   at ", stdout + stderr);
    }

    [Fact]
    public async Task MissingDatabaseStopsTheApiNamingBothVariables()
    {
        var (exitCode, _, stderr) = await RunAsync("OpenTabletop.Api", new());

        Assert.Equal(1, exitCode);
        Assert.Contains("ConnectionStrings__opentabletop", stderr);
        Assert.Contains("DATABASE_URL", stderr);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string project, Dictionary<string, string> environment)
    {
        var ct = TestContext.Current.CancellationToken;
        var start = new ProcessStartInfo("dotnet", [ServiceDll(project)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var key in new[] { "ConnectionStrings__opentabletop", "DATABASE_URL", "Seed__Mode", "Seed__Games",
                     "LOG_FORMAT", "LOG_LEVEL", "DATABASE_POOL_SIZE", "MAX_REQUEST_BODY_BYTES" })
        {
            start.Environment.Remove(key);
        }
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The service's own build output, in the configuration these tests were built with.</summary>
    private static string ServiceDll(string project)
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory); // .../OpenTabletop.Tests/bin/<Configuration>/net10.0/
        var configuration = testBin.Parent!.Name;
        var framework = testBin.Name;
        var repo = testBin.Parent.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(repo, project, "bin", configuration, framework, project + ".dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution first.");
        return dll;
    }
}
