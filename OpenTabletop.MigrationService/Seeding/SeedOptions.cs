namespace OpenTabletop.MigrationService.Seeding;

public enum SeedMode
{
    None,
    Sample,
    Synthetic,
}

/// <summary>Bound from the <c>Seed</c> section (<c>Seed__Mode</c>, <c>Seed__Games</c>, <c>Seed__RandomSeed</c>).</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>Null means "not configured": sample in Development, none elsewhere.</summary>
    public SeedMode? Mode { get; set; }

    public int Games { get; set; } = 100_000;

    public int RandomSeed { get; set; } = 20_260_318;
}
