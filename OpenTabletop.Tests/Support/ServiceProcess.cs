using System.Diagnostics;

namespace OpenTabletop.Tests.Support;

/// <summary>A service's own build output run as an operator runs it: a process with its environment and arguments.</summary>
public static class ServiceProcess
{
    /// <summary>Settings a developer's shell may carry that would change what a run means; removed unless the run sets them.</summary>
    private static readonly string[] Inherited =
    [
        "ConnectionStrings__opentabletop", "DATABASE_URL", "ConnectionStrings__opentabletop-replica", "DATABASE_REPLICA_URL", "Seed__Mode", "Seed__Games", "LOG_FORMAT", "LOG_LEVEL", "DATABASE_POOL_SIZE",
        "MAX_REQUEST_BODY_BYTES", "GAME_INDEX", "API_KEY_SALT", "VOTE_LIMIT_PER_GAME_PER_HOUR", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT",
        "CORS_ORIGINS", "REQUEST_TIMEOUT_SECONDS", "RATE_LIMIT_ANONYMOUS", "RATE_LIMIT_AUTHENTICATED", "TRUSTED_PROXIES",
        "EXPORT_MAX_ROWS", "EXPORT_RATE_LIMIT_PER_HOUR", "EXPORT_MAX_CONCURRENT", "MATERIALIZE_SCHEDULE", "MATERIALIZE_POLL_SECONDS",
        "MATERIALIZE_RANK_MIN_RATINGS", "MATERIALIZE_PRIOR_VOTES", "MATERIALIZE_EXPERIENCE_MIN_REPORTS", "MATERIALIZE_PLAYTIME_MIN_LOGS",
        "MAINTENANCE_MODE", "MAINTENANCE_RETRY_AFTER_SECONDS", "DRAIN_DELAY_SECONDS", "DRAIN_TIMEOUT_SECONDS", "ConnectionStrings__cache", "REDIS_URL",
        "OTEL_EXPORTER_OTLP_ENDPOINT",
    ];

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string project, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunAsync(project, environment, TimeSpan.FromSeconds(60), arguments);

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string project, IReadOnlyDictionary<string, string> environment, TimeSpan within, params string[] arguments) =>
        RunAsync(StartInfo(project, environment, arguments), within);

    /// <summary>Runs a command to its end (at most <paramref name="within"/>) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(ProcessStartInfo start, TimeSpan within)
    {
        var ct = TestContext.Current.CancellationToken;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(within);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>How to start the service with <paramref name="environment"/> and nothing the developer's shell carries, output redirected.</summary>
    public static ProcessStartInfo StartInfo(string project, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Dll(project), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var key in Inherited) start.Environment.Remove(key);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return start;
    }

    /// <summary>The checkout these tests were built from (the test binary is in OpenTabletop.Tests/bin/&lt;Configuration&gt;/net10.0/).</summary>
    public static string RepositoryRoot => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Parent!.Parent!.FullName;

    /// <summary>The service's own build output, in the configuration these tests were built with.</summary>
    public static string Dll(string project)
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory); // .../OpenTabletop.Tests/bin/<Configuration>/net10.0/
        var configuration = testBin.Parent!.Name;
        var framework = testBin.Name;
        var dll = Path.Combine(RepositoryRoot, project, "bin", configuration, framework, project + ".dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution first.");
        return dll;
    }
}
