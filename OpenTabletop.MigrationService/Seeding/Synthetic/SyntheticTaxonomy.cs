using Npgsql;

namespace OpenTabletop.MigrationService.Seeding.Synthetic;

internal sealed record TaxonomyTerm(Guid Id, string Slug, string Name);

/// <summary>The game's taxonomy links, as indexes into <see cref="SyntheticTaxonomy"/>'s lists.</summary>
internal sealed record GameTerms(int[] Mechanics, int[] Categories, int[] Themes);

/// <summary>
/// The vocabulary already seeded (whatever it holds), with a seed-dependent popularity order so
/// that a few mechanics, categories and themes are common and most are rare.
/// </summary>
internal sealed class SyntheticTaxonomy
{
    private static readonly Weighted<int> MechanicCount = new((3, 12), (4, 20), (5, 22), (6, 20), (7, 14), (8, 12));
    private static readonly Weighted<int> CategoryCount = new((1, 45), (2, 40), (3, 15));
    private static readonly Weighted<int> ThemeCount = new((1, 50), (2, 35), (3, 15));

    private readonly Ranked _mechanics;
    private readonly Ranked _categories;
    private readonly Ranked _themes;

    private SyntheticTaxonomy(int seed, TaxonomyTerm[] mechanics, TaxonomyTerm[] categories, TaxonomyTerm[] themes)
    {
        _mechanics = new Ranked(mechanics, SyntheticRandom.For(seed, RandomStream.Pool, 101));
        _categories = new Ranked(categories, SyntheticRandom.For(seed, RandomStream.Pool, 102));
        _themes = new Ranked(themes, SyntheticRandom.For(seed, RandomStream.Pool, 103));
    }

    public IReadOnlyList<TaxonomyTerm> Mechanics => _mechanics.Terms;
    public IReadOnlyList<TaxonomyTerm> Categories => _categories.Terms;
    public IReadOnlyList<TaxonomyTerm> Themes => _themes.Terms;

    public static async Task<SyntheticTaxonomy> LoadAsync(NpgsqlConnection connection, int seed, CancellationToken ct) =>
        new(seed,
            await ReadAsync(connection, "mechanics", ct),
            await ReadAsync(connection, "categories", ct),
            await ReadAsync(connection, "themes", ct));

    private static async Task<TaxonomyTerm[]> ReadAsync(NpgsqlConnection connection, string table, CancellationToken ct)
    {
        // Ordered by slug so the same vocabulary always yields the same assignment.
        // The table name comes from a fixed list in this class, never from input; values are parameters.
        await using var command = new NpgsqlCommand($"SELECT id, slug, name FROM {table} ORDER BY slug", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var terms = new List<TaxonomyTerm>();
        while (await reader.ReadAsync(ct))
        {
            terms.Add(new TaxonomyTerm(reader.GetGuid(0), reader.GetString(1), reader.GetString(2)));
        }
        return [.. terms];
    }

    /// <summary>Top-level games draw their own terms; add-ons inherit their base game's and may add a mechanic.</summary>
    public GameTerms For(SyntheticCatalog catalog, SyntheticGame game)
    {
        if (game.Parent >= 0)
        {
            var parentTerms = For(catalog, catalog.Games[game.Parent]);
            var addOnRandom = SyntheticRandom.For(catalog.Seed, RandomStream.Taxonomy, game.Index);
            var mechanics = parentTerms.Mechanics;
            if (mechanics.Length < Math.Min(8, _mechanics.Terms.Length) && addOnRandom.Chance(0.35))
            {
                var extra = _mechanics.Draw(addOnRandom, mechanics.Length + 1);
                var added = Array.Find(extra, m => Array.IndexOf(mechanics, m) < 0);
                mechanics = [.. mechanics, added];
            }
            return parentTerms with { Mechanics = mechanics };
        }

        var random = SyntheticRandom.For(catalog.Seed, RandomStream.Taxonomy, game.Index);
        return new GameTerms(
            _mechanics.Draw(random, MechanicCount.Sample(random)),
            _categories.Draw(random, CategoryCount.Sample(random)),
            _themes.Draw(random, ThemeCount.Sample(random)));
    }

    private sealed class Ranked
    {
        private readonly int[] _termAtRank;
        private readonly WeightedIndex _popularity;

        public Ranked(TaxonomyTerm[] terms, Random random)
        {
            Terms = terms;
            _termAtRank = [.. Enumerable.Range(0, terms.Length)];
            random.Shuffle(_termAtRank);
            _popularity = WeightedIndex.Zipf(Math.Max(1, terms.Length), 0.9);
        }

        public TaxonomyTerm[] Terms { get; }

        public int[] Draw(Random random, int count)
        {
            if (Terms.Length == 0)
            {
                return [];
            }
            var ranks = _popularity.SampleDistinct(random, count);
            return Array.ConvertAll(ranks, rank => _termAtRank[rank]);
        }
    }
}
