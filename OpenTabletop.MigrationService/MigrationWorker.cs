using System.Diagnostics;
using Npgsql;
using OpenTabletop.Data;
using OpenTabletop.Data.Variants;
using OpenTabletop.MigrationService.Migrating;
using OpenTabletop.MigrationService.Seeding;

namespace OpenTabletop.MigrationService;

/// <summary>Create the database if needed, then migrate and seed under one advisory lock.</summary>
public sealed class MigrationWorker(
    NpgsqlDataSource dataSource,
    DatabaseConnection connection,
    MigrationRunner migrations,
    SeedRunner seeds,
    IHostEnvironment environment,
    ILogger<MigrationWorker> logger)
{
    private static readonly ActivitySource Activity = new("OpenTabletop.MigrationService");

    public async Task<int> RunAsync(CancellationToken ct)
    {
        using var activity = Activity.StartActivity("Migrate and seed");
        try
        {
            await DatabaseCreator.EnsureExistsAsync(connection.ConnectionString, logger, ct);
            await using (await AdvisoryLock.AcquireAsync(dataSource, AdvisoryLock.MigrationKey, ct))
            {
                await migrations.ApplyAsync(ct);
                await seeds.SeedAsync(environment, ct);
                // Effective mode needs every game's variants; a catalogue older than the table gets them now.
                var variants = await EffectiveVariants.RefreshMissingAsync(dataSource, ct);
                if (variants > 0) logger.LogInformation("Built {Variants} effective variants for games that had none.", variants);
            }
            logger.LogInformation("Database ready.");
            return 0;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            logger.LogWarning("Migration cancelled before it finished; every completed step was committed, the interrupted one rolled back.");
            return 1;
        }
        catch (Exception e)
        {
            activity?.AddException(e);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            logger.LogError(e, "Migration failed: {Reason}", e.Message);
            return 1;
        }
    }
}
