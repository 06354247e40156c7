using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OpenTabletop.Data.Materialization;
using OpenTabletop.Materializer;
using OpenTabletop.Materializer.Pipeline;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Materializer;

/// <summary>The long-running worker, hosted in process as the service hosts it.</summary>
public sealed class WorkerTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARequestIsPickedUpWithinSecondsAndItsRowShowsEveryStepWithItsRowCount()
    {
        await using var db = await MaterializerDatabase.SyntheticAsync(postgres, Ct);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:opentabletop"] = db.ConnectionString,
            // An hour between polls and no schedule: only the notification can start the run in time.
            [MaterializerSettings.PollSecondsVariable] = "3600",
            [MaterializerSettings.ScheduleVariable] = "off",
        });
        builder.AddMaterializer(worker: true);
        using var host = builder.Build();
        await host.StartAsync(Ct);
        try
        {
            // The worker is listening once it has run its (empty) queue after connecting.
            await Task.Yield();
            var ready = await Deadline.PollAsync(
                () => db.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'", Ct),
                n => n > 0, TimeSpan.FromSeconds(30), Ct);
            Assert.True(ready > 0, "the worker never started listening");

            var requested = DateTime.UtcNow;
            var id = await MaterializationRequests.RequestAsync(db.DataSource, "admin", Ct);
            var status = await Deadline.PollAsync(
                () => db.ScalarAsync<string>("SELECT status FROM materialization_runs WHERE id = $1", Ct, id),
                s => s is "succeeded" or "failed", TimeSpan.FromSeconds(60), Ct);

            Assert.Equal("succeeded", status);
            var started = await db.ScalarAsync<DateTime>("SELECT started_at FROM materialization_runs WHERE id = $1", Ct, id);
            Assert.InRange(started - requested, TimeSpan.Zero - TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
            var steps = await db.ListAsync<string>(
                "SELECT e ->> 'step' || ':' || (e ->> 'rows' IS NOT NULL) || ':' || (e ->> 'duration_ms' IS NOT NULL) || ':' || (e ->> 'started_at' IS NOT NULL) " +
                "FROM materialization_runs, jsonb_array_elements(steps) e WHERE id = $1", Ct, id);
            Assert.Equal(MaterializationPipeline.ComputeSteps.Concat(MaterializationPipeline.WriteSteps).Select(s => $"{s.Name}:true:true:true"), steps);
            Assert.True(await db.ScalarAsync<long>(
                "SELECT (e ->> 'rows')::bigint FROM materialization_runs, jsonb_array_elements(steps) e WHERE id = $1 AND e ->> 'step' = 'write_games'", Ct, id) > 0);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
