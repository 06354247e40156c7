using Microsoft.Extensions.Options;
using OpenTabletop.Data;
using OpenTabletop.MigrationService;
using OpenTabletop.MigrationService.Migrating;
using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.MigrationService.Seeding.Synthetic;
using OpenTabletop.ServiceDefaults;

// Runs to completion, then exits: 0 when the database is migrated and seeded, 1 with the reason otherwise.
IHost host;
try
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.AddServiceDefaults();
    builder.AddOpenTabletopDatabase("opentabletop");
    builder.Services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section)
        .Validate(o => o.Games >= 0, "Configuration error: Seed__Games must be zero or more.");
    builder.Services.AddSingleton<MigrationRunner>();
    builder.Services.AddSingleton<TaxonomySeeder>();
    builder.Services.AddSingleton<SampleSeeder>();
    builder.Services.AddSingleton<SyntheticSeeder>();
    builder.Services.AddSingleton<SeedRunner>();
    builder.Services.AddSingleton<MigrationWorker>();
    host = builder.Build();
    // Settings are checked before anything touches the database.
    _ = host.Services.GetRequiredService<IOptions<SeedOptions>>().Value;
}
catch (Exception e) when (BootFailure.IsConfiguration(e))
{
    return BootFailure.Exit(e);
}

using (host)
{
    await host.StartAsync();
    var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
    var exitCode = await host.Services.GetRequiredService<MigrationWorker>().RunAsync(lifetime.ApplicationStopping);
    await host.StopAsync();
    return exitCode;
}
