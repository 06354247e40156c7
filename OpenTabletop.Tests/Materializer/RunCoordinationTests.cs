using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpenTabletop.Data;
using OpenTabletop.Data.Materialization;
using OpenTabletop.Materializer.Runs;
using OpenTabletop.Tests.Fixtures;

namespace OpenTabletop.Tests.Materializer;

/// <summary>One run at a time across processes, and what materialization_runs records.</summary>
public sealed class RunCoordinationTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARunThatFindsTheLockTakenIsSkippedAndRecordedAsSkipped()
    {
        await using var db = await MaterializerDatabase.SchemaOnlyAsync(postgres, Ct);
        await using var otherReplica = await db.DataSource.OpenConnectionAsync(Ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock($1)", otherReplica))
        {
            take.Parameters.AddWithValue(MaterializationRequests.LockKey);
            await take.ExecuteNonQueryAsync(Ct);
        }

        var outcome = await db.RunAsync(Ct);

        Assert.Equal(RunStatus.Skipped, outcome.Status);
        Assert.Equal("skipped|once|[]", await db.ScalarAsync<string>(
            "SELECT concat_ws('|', status, trigger, steps) FROM materialization_runs WHERE id = $1", Ct, outcome.RunIds.Single()));
    }

    [Fact]
    public async Task OfTwoConcurrentRunsOneRunsAndTheOtherIsSkipped()
    {
        await using var db = await MaterializerDatabase.SchemaOnlyAsync(postgres, Ct);
        RunOutcome? second = null;

        // The second run starts while the first is between its steps, holding the lock.
        var first = await db.RunAsync(Ct, afterStep: async (step, token) =>
        {
            if (step.Step == "aggregates") second = await db.RunAsync(token);
        });

        Assert.Equal(RunStatus.Succeeded, first.Status);
        Assert.Equal(RunStatus.Skipped, second?.Status);
        Assert.Equal(["skipped", "succeeded"], await db.ListAsync<string>("SELECT status FROM materialization_runs ORDER BY status", Ct));
    }

    [Fact]
    public async Task ARunLeftRunningByADeadWorkerIsMarkedFailedByTheNextRun()
    {
        await using var db = await MaterializerDatabase.SchemaOnlyAsync(postgres, Ct);
        var dead = Guid.CreateVersion7();
        await db.ExecuteAsync("INSERT INTO materialization_runs (id, trigger, status, started_at) VALUES ($1, 'schedule', 'running', now())", Ct, dead);

        await db.RunAsync(Ct);

        Assert.StartsWith("failed|abandoned", await db.ScalarAsync<string>(
            "SELECT concat_ws('|', status, error) FROM materialization_runs WHERE id = $1", Ct, dead));
    }

    [Fact]
    public async Task QueuedRequestsAreServedTogetherByOneRunWhoseStepsReadBackThroughTheDataModel()
    {
        await using var db = await MaterializerDatabase.SchemaOnlyAsync(postgres, Ct);
        var a = await MaterializationRequests.RequestAsync(db.DataSource, "admin-a", Ct);
        var b = await MaterializationRequests.RequestAsync(db.DataSource, "admin-b", Ct);

        var outcome = await db.Coordinator().ProcessQueueAsync(Ct);

        Assert.Equal(RunStatus.Succeeded, outcome?.Status);
        Assert.Equal([a, b], outcome!.RunIds.Order());
        await using var context = new OpenTabletopDbContext(new DbContextOptionsBuilder<OpenTabletopDbContext>()
            .UseNpgsql(db.DataSource).UseSnakeCaseNamingConvention().Options);
        var runs = await context.MaterializationRuns.AsNoTracking().Where(r => r.Id == a || r.Id == b).ToListAsync(Ct);
        Assert.Equal(2, runs.Count);
        Assert.All(runs, run =>
        {
            Assert.Equal("succeeded", run.Status);
            Assert.Equal("request", run.Trigger);
            Assert.NotNull(run.StartedAt);
            Assert.True(run.FinishedAt >= run.StartedAt);
            Assert.Equal(outcome.Steps.Select(s => s.Step), run.Steps.Select(s => s.Step));
            Assert.All(run.Steps, s => Assert.Equal(DateTimeKind.Utc, s.StartedAt.Kind));
            Assert.All(run.Steps, s => Assert.NotNull(s.Rows));
        });
    }

    [Fact]
    public async Task AScheduleOccurrenceQueuesOneRunHoweverManyReplicasFireIt()
    {
        await using var db = await MaterializerDatabase.SchemaOnlyAsync(postgres, Ct);
        var occurrence = new DateTimeOffset(2026, 3, 18, 4, 0, 0, TimeSpan.Zero);
        var replicas = Enumerable.Range(0, 3).Select(_ => new RunRecorder(db.DataSource)).ToList();

        var queued = await Task.WhenAll(replicas.Select(r => r.EnqueueScheduledAsync(occurrence, Ct)));

        Assert.Single(queued, q => q);
        Assert.Equal("schedule|queued|2026-03-18 04:00:00+00", await db.ScalarAsync<string>(
            "SELECT concat_ws('|', trigger, status, requested_at) FROM materialization_runs", Ct));
    }
}
