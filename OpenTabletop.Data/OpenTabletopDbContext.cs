using Microsoft.EntityFrameworkCore;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Data;

/// <summary>
/// Maps the entities onto the schema that the numbered SQL migrations create. EF never generates
/// or changes the schema; names are snake_case by convention (EFCore.NamingConventions), and every
/// table name is also set explicitly in its configuration.
/// </summary>
public sealed class OpenTabletopDbContext(DbContextOptions<OpenTabletopDbContext> options) : DbContext(options)
{
    // Taxonomy (0002)
    public DbSet<Mechanic> Mechanics => Set<Mechanic>();
    public DbSet<MechanicAncestor> MechanicAncestors => Set<MechanicAncestor>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Theme> Themes => Set<Theme>();
    public DbSet<Family> Families => Set<Family>();

    // Games (0003)
    public DbSet<Game> Games => Set<Game>();
    public DbSet<GameMechanic> GameMechanics => Set<GameMechanic>();
    public DbSet<GameCategory> GameCategories => Set<GameCategory>();
    public DbSet<GameTheme> GameThemes => Set<GameTheme>();
    public DbSet<GameFamily> GameFamilies => Set<GameFamily>();
    public DbSet<GameRelationship> GameRelationships => Set<GameRelationship>();
    public DbSet<AlternateName> AlternateNames => Set<AlternateName>();
    public DbSet<ExternalIdentifier> ExternalIdentifiers => Set<ExternalIdentifier>();
    public DbSet<RetiredIdentifier> RetiredIdentifiers => Set<RetiredIdentifier>();

    // Search (0010)
    public DbSet<GameSearchName> GameSearchNames => Set<GameSearchName>();
    public DbSet<GameFacet> GameFacets => Set<GameFacet>();
    public DbSet<GameFacetsGeneration> GameFacetsGenerations => Set<GameFacetsGeneration>();

    // People, publishers, editions, awards (0004)
    public DbSet<Person> People => Set<Person>();
    public DbSet<GameCredit> GameCredits => Set<GameCredit>();
    public DbSet<Publisher> Publishers => Set<Publisher>();
    public DbSet<GamePublisher> GamePublishers => Set<GamePublisher>();
    public DbSet<GameEdition> GameEditions => Set<GameEdition>();
    public DbSet<EditionPublisher> EditionPublishers => Set<EditionPublisher>();
    public DbSet<EditionArtist> EditionArtists => Set<EditionArtist>();
    public DbSet<EditionDelta> EditionDeltas => Set<EditionDelta>();
    public DbSet<Award> Awards => Set<Award>();
    public DbSet<GameAward> GameAwards => Set<GameAward>();

    // Expansion effects (0005)
    public DbSet<ExpansionCombination> ExpansionCombinations => Set<ExpansionCombination>();
    public DbSet<CombinationExperiencePlaytime> CombinationExperiencePlaytimes => Set<CombinationExperiencePlaytime>();
    public DbSet<PropertyModification> PropertyModifications => Set<PropertyModification>();

    // Community polls and snapshots (0006)
    public DbSet<PlayerCountRating> PlayerCountRatings => Set<PlayerCountRating>();
    public DbSet<PlayerCountPollLegacy> PlayerCountPollsLegacy => Set<PlayerCountPollLegacy>();
    public DbSet<CommunityAgePoll> CommunityAgePolls => Set<CommunityAgePoll>();
    public DbSet<LanguageDependencePoll> LanguageDependencePolls => Set<LanguageDependencePoll>();
    public DbSet<ExperiencePlaytime> ExperiencePlaytimes => Set<ExperiencePlaytime>();
    public DbSet<ExperiencePlaytimeProfile> ExperiencePlaytimeProfiles => Set<ExperiencePlaytimeProfile>();
    public DbSet<GameSnapshot> GameSnapshots => Set<GameSnapshot>();

    // API keys and tier-1 community input (0007)
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<IdempotencyKey> IdempotencyKeys => Set<IdempotencyKey>();
    public DbSet<RatingVote> RatingVotes => Set<RatingVote>();
    public DbSet<WeightVote> WeightVotes => Set<WeightVote>();
    public DbSet<PlayLog> PlayLogs => Set<PlayLog>();
    public DbSet<CollectionEntry> CollectionEntries => Set<CollectionEntry>();

    // Materializer (0008, 0016)
    public DbSet<MaterializationRun> MaterializationRuns => Set<MaterializationRun>();
    public DbSet<GameAggregateSource> GameAggregateSources => Set<GameAggregateSource>();
    public DbSet<MaterializationGlobals> MaterializationGlobals => Set<MaterializationGlobals>();

    // Effective variants (0010)
    public DbSet<GameVariant> GameVariants => Set<GameVariant>();

    // Export quota (0017)
    public DbSet<ExportRequest> ExportRequests => Set<ExportRequest>();

    // Maintenance switch (0019)
    public DbSet<MaintenanceMode> MaintenanceModes => Set<MaintenanceMode>();

    // Data version of the response cache (0020)
    public DbSet<DataVersion> DataVersions => Set<DataVersion>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OpenTabletopDbContext).Assembly);
    }
}
