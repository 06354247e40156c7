using Microsoft.Extensions.Options;
using OpenTabletop.MigrationService.Seeding.Synthetic;

namespace OpenTabletop.MigrationService.Seeding;

/// <summary>Seeds by <c>Seed__Mode</c>: sample (default in Development), synthetic, or none (default elsewhere).</summary>
public sealed class SeedRunner(
    IOptions<SeedOptions> options,
    TaxonomySeeder taxonomy,
    SampleSeeder sample,
    SyntheticSeeder synthetic,
    ILogger<SeedRunner> logger)
{
    public async Task SeedAsync(IHostEnvironment environment, CancellationToken ct)
    {
        var settings = options.Value;
        var mode = settings.Mode ?? (environment.IsDevelopment() ? SeedMode.Sample : SeedMode.None);
        logger.LogInformation("Seed mode: {Mode}.", mode.ToString().ToLowerInvariant());
        if (mode == SeedMode.None) return;

        await taxonomy.SeedAsync(ct);
        await sample.SeedAsync(ct);
        if (mode == SeedMode.Synthetic)
        {
            await synthetic.SeedAsync(settings.Games, settings.RandomSeed, ct);
        }
    }
}
