using Npgsql;
using OpenTabletop.Data.Materialization;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Materializer;

namespace OpenTabletop.Tests.Data;

/// <summary>The call the Api makes for <c>POST /v1/admin/materialize</c>.</summary>
public sealed class MaterializationRequestsTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARequestQueuesARunAndNotifiesTheWorkersChannelWithItsId()
    {
        await using var db = await MaterializerDatabase.SchemaOnlyAsync(postgres, Ct);
        await using var worker = await db.DataSource.OpenConnectionAsync(Ct);
        string? payload = null;
        worker.Notification += (_, e) => payload = e.Channel == MaterializationRequests.Channel ? e.Payload : null;
        await using (var listen = new NpgsqlCommand($"LISTEN {MaterializationRequests.Channel}", worker))
        {
            await listen.ExecuteNonQueryAsync(Ct);
        }

        var id = await MaterializationRequests.RequestAsync(db.DataSource, "admin-key-1", Ct);

        Assert.True(await worker.WaitAsync(TimeSpan.FromSeconds(10), Ct), "no notification arrived");
        Assert.Equal(id.ToString(), payload);
        Assert.Equal(7, id.Version);
        Assert.Equal("request|queued|admin-key-1|[]|t", await db.ScalarAsync<string>(
            "SELECT concat_ws('|', trigger, status, requested_by, steps, started_at IS NULL) FROM materialization_runs WHERE id = $1", Ct, id));
    }
}
