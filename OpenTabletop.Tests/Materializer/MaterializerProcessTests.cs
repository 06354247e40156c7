using Npgsql;
using OpenTabletop.Data.Materialization;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

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

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string connectionString, string mode) =>
        ServiceProcess.RunAsync("OpenTabletop.Materializer", new Dictionary<string, string>
        {
            ["ConnectionStrings__opentabletop"] = connectionString,
            ["LOG_FORMAT"] = "text",
            ["LOG_LEVEL"] = "warning",
        }, TimeSpan.FromSeconds(120), mode);
}
