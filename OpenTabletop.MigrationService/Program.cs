using OpenTabletop.Data;
using OpenTabletop.MigrationService;
using OpenTabletop.MigrationService.Migrating;
using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.MigrationService.Seeding.Synthetic;

// Runs to completion, then exits: 0 when the database is migrated and seeded, 1 with the reason otherwise.
var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.AddOpenTabletopDatabase("opentabletop");
builder.Services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section);
builder.Services.AddSingleton<MigrationRunner>();
builder.Services.AddSingleton<TaxonomySeeder>();
builder.Services.AddSingleton<SampleSeeder>();
builder.Services.AddSingleton<SyntheticSeeder>();
builder.Services.AddSingleton<SeedRunner>();
builder.Services.AddSingleton<MigrationWorker>();

using var host = builder.Build();
await host.StartAsync();
var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
var exitCode = await host.Services.GetRequiredService<MigrationWorker>().RunAsync(lifetime.ApplicationStopping);
await host.StopAsync();
return exitCode;
