using System.Globalization;
using Npgsql;
using OpenTabletop.Data;
using static OpenTabletop.MigrationService.Seeding.Synthetic.SyntheticWords;

namespace OpenTabletop.MigrationService.Seeding.Synthetic;

internal sealed record SyntheticPerson(Guid Id, string Slug, string Name);

internal sealed record SyntheticPublisher(Guid Id, string Slug, string Name, string Country, string Website);

internal sealed record GameCredit(int Person, string Role, int Order);

/// <summary>
/// The people and publishers the synthetic games credit: a few thousand people and about a
/// thousand publishers at 100,000 games, fewer for small runs, with Zipf-like popularity so that a
/// few designers and publishers have hundreds of games and most have a handful.
/// </summary>
internal sealed class SyntheticPools
{
    private static readonly Weighted<int> DesignerCount = new((1, 70), (2, 25), (3, 5));
    private static readonly Weighted<int> ArtistCount = new((0, 40), (1, 45), (2, 15));
    private static readonly Weighted<int> PublisherCount = new((1, 75), (2, 20), (3, 5));
    private static readonly Weighted<string> Countries = new(
        ("US", 30), ("DE", 15), ("FR", 8), ("GB", 8), ("PL", 5), ("IT", 5), ("ES", 4), ("JP", 4),
        ("CN", 4), ("KR", 3), ("CA", 4), ("AU", 3), ("NL", 3), ("SE", 2), ("CZ", 2));

    private readonly WeightedIndex _designers;
    private readonly WeightedIndex _artists;
    private readonly WeightedIndex _publishers;

    private SyntheticPools(SyntheticPerson[] people, SyntheticPublisher[] publishers)
    {
        People = people;
        Publishers = publishers;
        _designers = WeightedIndex.Zipf(people.Length, 0.85);
        _artists = WeightedIndex.Zipf(people.Length, 0.85);
        _publishers = WeightedIndex.Zipf(publishers.Length, 1.0);
    }

    public SyntheticPerson[] People { get; }
    public SyntheticPublisher[] Publishers { get; }

    public static int PeoplePoolSize(int games) => Math.Clamp(games / 25, 50, 4_000);

    public static int PublisherPoolSize(int games) => Math.Clamp(games / 100, 20, 1_000);

    public static SyntheticPools Build(int seed, int games)
    {
        var peopleCount = PeoplePoolSize(games);
        var people = new SyntheticPerson[peopleCount];
        var nameSpace = FirstNames.Length * LastNames.Length;
        var start = SyntheticRandom.For(seed, RandomStream.Pool, 1).Next(nameSpace);
        var stride = CoprimeStride(nameSpace, 2_749);
        for (var i = 0; i < peopleCount; i++)
        {
            // Walking the name space with a coprime stride visits each first/last pair once.
            var combo = (int)((start + (long)i * stride) % nameSpace);
            var name = $"{FirstNames[combo % FirstNames.Length]} {LastNames[combo / FirstNames.Length]}";
            people[i] = new SyntheticPerson(DeterministicIds.For("synthetic-person", Key(i)), SyntheticNames.Slugify(name), name);
        }

        var publisherCount = PublisherPoolSize(games);
        var publishers = new SyntheticPublisher[publisherCount];
        var publisherSpace = Adjectives.Length * Nouns.Length * PublisherSuffixes.Length;
        var publisherRandom = SyntheticRandom.For(seed, RandomStream.Pool, 2);
        var publisherStart = publisherRandom.Next(publisherSpace);
        var publisherStride = CoprimeStride(publisherSpace, 7_919);
        for (var i = 0; i < publisherCount; i++)
        {
            var combo = (int)((publisherStart + (long)i * publisherStride) % publisherSpace);
            var adjective = Adjectives[combo % Adjectives.Length];
            var noun = Nouns[combo / Adjectives.Length % Nouns.Length];
            var suffix = PublisherSuffixes[combo / (Adjectives.Length * Nouns.Length)];
            var name = $"{adjective} {noun} {suffix}";
            var slug = SyntheticNames.Slugify(name);
            publishers[i] = new SyntheticPublisher(
                DeterministicIds.For("synthetic-publisher", Key(i)), slug, name,
                Countries.Sample(publisherRandom), $"https://{slug}.example");
        }
        return new SyntheticPools(people, publishers);
    }

    /// <summary>
    /// Names are unique within the pools; a slug taken by a row that is not ours (say a designer
    /// from the sample data) gets our index appended, so the load never collides.
    /// </summary>
    public async Task ResolveSlugConflictsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var takenPeople = await TakenAsync(connection, "people", [.. People.Select(p => p.Slug)], ct);
        for (var i = 0; i < People.Length; i++)
        {
            if (takenPeople.Contains(People[i].Slug))
            {
                People[i] = People[i] with { Slug = $"{People[i].Slug}-{Key(i + 1)}" };
            }
        }
        var takenPublishers = await TakenAsync(connection, "publishers", [.. Publishers.Select(p => p.Slug)], ct);
        for (var i = 0; i < Publishers.Length; i++)
        {
            if (takenPublishers.Contains(Publishers[i].Slug))
            {
                Publishers[i] = Publishers[i] with { Slug = $"{Publishers[i].Slug}-{Key(i + 1)}" };
            }
        }
    }

    private static async Task<HashSet<string>> TakenAsync(NpgsqlConnection connection, string table, string[] slugs, CancellationToken ct)
    {
        // The table name comes from a fixed list in this class, never from input; values are parameters.
        await using var command = new NpgsqlCommand($"SELECT slug FROM {table} WHERE slug = ANY(@slugs)", connection);
        command.Parameters.AddWithValue("slugs", slugs);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            taken.Add(reader.GetString(0));
        }
        return taken;
    }

    /// <summary>Designers and artists of a top-level game; add-ons keep their base game's.</summary>
    public List<GameCredit> CreditsFor(SyntheticCatalog catalog, SyntheticGame game)
    {
        var top = game.Parent >= 0 ? catalog.Games[game.Parent] : game;
        var random = SyntheticRandom.For(catalog.Seed, RandomStream.Credits, top.Index);
        var designers = _designers.SampleDistinct(random, DesignerCount.Sample(random));
        // Artists favour the other end of the pool, so the busiest artists are not the busiest designers.
        var artists = _artists.SampleDistinct(random, ArtistCount.Sample(random));
        var credits = new List<GameCredit>(designers.Length + artists.Length);
        for (var i = 0; i < designers.Length; i++)
        {
            credits.Add(new GameCredit(designers[i], "designer", i));
        }
        for (var i = 0; i < artists.Length; i++)
        {
            credits.Add(new GameCredit(People.Length - 1 - artists[i], "artist", i));
        }
        return credits;
    }

    /// <summary>Publishers of a top-level game in ordinal order; add-ons are published by their base game's lead publisher.</summary>
    public int[] PublishersFor(SyntheticCatalog catalog, SyntheticGame game)
    {
        if (game.Parent >= 0)
        {
            return [PublishersFor(catalog, catalog.Games[game.Parent])[0]];
        }
        var random = SyntheticRandom.For(catalog.Seed, RandomStream.Publishers, game.Index);
        return _publishers.SampleDistinct(random, PublisherCount.Sample(random));
    }

    private static string Key(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static int CoprimeStride(int space, int candidate)
    {
        while (Gcd(space, candidate) != 1)
        {
            candidate++;
        }
        return candidate % space == 0 ? 1 : candidate;
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
