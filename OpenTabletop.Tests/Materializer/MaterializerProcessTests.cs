using System.Diagnostics;
using Npgsql;
using OpenTabletop.Data.Materialization;
using OpenTabletop.Tests.Fixtures;

namespace OpenTabletop.Tests.Materializer;

/// <summary>The real Materializer binary in its one-shot modes, and the exit codes a CronJob or an operator sees.</summary>
public sealed class MaterializerProcessTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OnceExitsZeroAfterASuccessfulRunAndVerifyThenFindsNoDrift()
    {
        await using var db = await MaterializerDatabase.SampleAsync(postgres, Ct);

        var (once, _, onceErr) = await RunAsync(db.ConnectionString, "--once");
        var (verify, verifyOut, _) = await RunAsync(db.ConnectionString, "--verify");

        Assert.True(once == 0, onceErr);
        Assert.Equal("succeeded|once", await db.ScalarAsync<string>("SELECT concat_ws('|', status, trigger) FROM materialization_runs", Ct));
        Assert.Equal(0, verify);
        Assert.Contains("Verify: no drift.", verifyOut);
    }

    [Fact]
    public async Task OnceExitsThreeWhileAnotherRunHoldsTheLockAndVerifyTwoOnMajorDrift()
    {
        await using var db = await MaterializerDatabase.SampleAsync(postgres, Ct);
        await db.RunAsync(Ct);
        await db.ExecuteAsync("UPDATE games SET weight = 1.5 WHERE slug = 'terraforming-mars'", Ct);
        await using var otherReplica = await db.DataSource.OpenConnectionAsync(Ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock($1)", otherReplica))
        {
            take.Parameters.AddWithValue(MaterializationRequests.LockKey);
            await take.ExecuteNonQueryAsync(Ct);
        }

        var (once, _, _) = await RunAsync(db.ConnectionString, "--once");
        var (verify, verifyOut, _) = await RunAsync(db.ConnectionString, "--verify");

        Assert.Equal(3, once);
        Assert.Equal(2, verify);
        Assert.Contains("weight: 1 game(s) differ", verifyOut);
    }

    [Fact]
    public async Task OnceExitsTwoWhenTheDatabaseCannotBeReached()
    {
        var (exitCode, _, _) = await RunAsync("Host=127.0.0.1;Port=1;Database=never;Username=x;Password=y;Timeout=3", "--once");

        Assert.Equal(2, exitCode);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string connectionString, string mode)
    {
        var start = new ProcessStartInfo("dotnet", [MaterializerDll(), mode]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MATERIALIZE_", StringComparison.Ordinal)
                     || k is "DATABASE_URL" or "DATABASE_POOL_SIZE" or "OTEL_EXPORTER_OTLP_ENDPOINT").ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["ConnectionStrings__opentabletop"] = connectionString;
        start.Environment["LOG_FORMAT"] = "text";
        start.Environment["LOG_LEVEL"] = "warning";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string MaterializerDll()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory); // .../OpenTabletop.Tests/bin/<Configuration>/net10.0/
        var repo = testBin.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(repo, "OpenTabletop.Materializer", "bin", testBin.Parent.Name, testBin.Name, "OpenTabletop.Materializer.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution first.");
        return dll;
    }
}
