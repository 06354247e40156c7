using OpenTabletop.Data;
using OpenTabletop.Tests.Fixtures;

namespace OpenTabletop.Tests.MigrationService;

public sealed class TaxonomySeederTests(PostgresFixture postgres)
{
    private static readonly string[] MultiAncestorMechanics =
        ["dice-placement", "melding", "engine-building", "enclosure", "traitor", "roll-and-write", "pattern-building"];

    [Fact]
    public async Task SeedingStoresEveryTermOfTheThreeVocabularies()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await SeedTestDatabase.CreateAsync(postgres, ct);

        await db.SeedTaxonomyAsync(ct);

        Assert.Equal(121, await db.CountAsync("mechanics", ct));
        Assert.Equal(32, await db.CountAsync("categories", ct));
        Assert.Equal(43, await db.CountAsync("themes", ct));
        Assert.Equal(0, await db.ScalarAsync<long>(
            "SELECT count(*) FROM (SELECT description FROM mechanics UNION ALL SELECT description FROM categories UNION ALL SELECT description FROM themes) d WHERE description IS NULL OR description = ''", ct));
    }

    [Fact]
    public async Task TermIdsAreTheDeterministicIdsOfTheirSlugs()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await SeedTestDatabase.CreateAsync(postgres, ct);

        await db.SeedTaxonomyAsync(ct);

        Assert.Equal(DeterministicIds.For("mechanic", "card-drafting"), await db.ScalarAsync<Guid>("SELECT id FROM mechanics WHERE slug = 'card-drafting'", ct));
        Assert.Equal(DeterministicIds.For("category", "cooperative-game"), await db.ScalarAsync<Guid>("SELECT id FROM categories WHERE slug = 'cooperative-game'", ct));
        Assert.Equal(DeterministicIds.For("theme", "fantasy"), await db.ScalarAsync<Guid>("SELECT id FROM themes WHERE slug = 'fantasy'", ct));
    }

    [Fact]
    public async Task MechanicsKeepTheirPrimaryParentAndEveryAncestor()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await SeedTestDatabase.CreateAsync(postgres, ct);

        await db.SeedTaxonomyAsync(ct);

        Assert.Equal(43, await db.ScalarAsync<long>("SELECT count(*) FROM mechanics WHERE parent_id IS NULL", ct));
        Assert.Equal(78, await db.ScalarAsync<long>("SELECT count(DISTINCT mechanic_id) FROM mechanic_ancestors", ct));
        var multiAncestor = await db.ListAsync<string>(
            "SELECT m.slug FROM mechanics m JOIN mechanic_ancestors a ON a.mechanic_id = m.id GROUP BY m.slug HAVING count(*) > 1 ORDER BY 1", ct);
        Assert.Equal(MultiAncestorMechanics.Order(StringComparer.Ordinal), multiAncestor);
        Assert.Equal(["set-collection", "tile-placement"], await db.ListAsync<string>(
            "SELECT p.slug FROM mechanics m JOIN mechanic_ancestors a ON a.mechanic_id = m.id JOIN mechanics p ON p.id = a.ancestor_id WHERE m.slug = 'pattern-building' ORDER BY a.ordinal", ct));
        // The primary parent is the first ancestor.
        Assert.Equal(0, await db.ScalarAsync<long>(
            "SELECT count(*) FROM mechanics m LEFT JOIN mechanic_ancestors a ON a.mechanic_id = m.id AND a.ordinal = 0 WHERE m.parent_id IS DISTINCT FROM a.ancestor_id", ct));
        Assert.Equal("hand-management", await db.ScalarAsync<string>(
            "SELECT p.slug FROM mechanics m JOIN mechanics p ON p.id = m.parent_id WHERE m.slug = 'card-drafting'", ct));
        Assert.Equal(["card-drafting"], await db.ListAsync<string>("SELECT slug FROM mechanics WHERE 'drafting' = ANY (synonyms)", ct));
        Assert.Equal("Backgammon", await db.ScalarAsync<string>("SELECT origin_game FROM mechanics WHERE slug = 'dice-rolling'", ct));
        Assert.Equal(-3000, await db.ScalarAsync<int>("SELECT origin_year FROM mechanics WHERE slug = 'dice-rolling'", ct));
    }

    [Fact]
    public async Task ThemesKeepTheirParentsAndCategoriesAreFlat()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await SeedTestDatabase.CreateAsync(postgres, ct);

        await db.SeedTaxonomyAsync(ct);

        Assert.Equal(29, await db.ScalarAsync<long>("SELECT count(*) FROM themes WHERE parent_id IS NULL", ct));
        Assert.Equal("fantasy", await db.ScalarAsync<string>(
            "SELECT p.slug FROM themes t JOIN themes p ON p.id = t.parent_id WHERE t.slug = 'fairy-tale'", ct));
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM categories WHERE parent_id IS NOT NULL", ct));
    }

    [Fact]
    public async Task ReseedingTheTaxonomyChangesNoRow()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await SeedTestDatabase.CreateAsync(postgres, ct);
        await db.SeedTaxonomyAsync(ct);
        var before = await db.SnapshotAsync(ct);

        await db.SeedTaxonomyAsync(ct);

        Assert.Equal(before, await db.SnapshotAsync(ct));
    }

    [Fact]
    public async Task ReseedingRestoresATermThatWasEdited()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await SeedTestDatabase.CreateAsync(postgres, ct);
        await db.SeedTaxonomyAsync(ct);
        await db.ScalarAsync<long>(
            "WITH changed AS (UPDATE mechanics SET name = 'Renamed', parent_id = NULL WHERE slug = 'card-drafting' RETURNING 1) SELECT count(*) FROM changed", ct);
        await db.ScalarAsync<long>(
            "WITH gone AS (DELETE FROM mechanic_ancestors WHERE mechanic_id = (SELECT id FROM mechanics WHERE slug = 'melding') RETURNING 1) SELECT count(*) FROM gone", ct);

        await db.SeedTaxonomyAsync(ct);

        Assert.Equal("Card Drafting", await db.ScalarAsync<string>("SELECT name FROM mechanics WHERE slug = 'card-drafting'", ct));
        Assert.Equal("hand-management", await db.ScalarAsync<string>(
            "SELECT p.slug FROM mechanics m JOIN mechanics p ON p.id = m.parent_id WHERE m.slug = 'card-drafting'", ct));
        Assert.Equal(2, await db.ScalarAsync<long>(
            "SELECT count(*) FROM mechanic_ancestors WHERE mechanic_id = (SELECT id FROM mechanics WHERE slug = 'melding')", ct));
    }
}
