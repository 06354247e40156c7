using System.Globalization;
using Npgsql;
using OpenTabletop.Data;

namespace OpenTabletop.MigrationService.Seeding.Synthetic;

internal enum SyntheticPresence
{
    None,
    Same,
    Different,
}

/// <summary>
/// The plan of the whole synthetic set: one <see cref="SyntheticGame"/> per index, with type,
/// parent, attributes and vote counts. Building it is cheap (no vote rows are kept); every row
/// written later is a pure function of this plan and the seed.
/// </summary>
internal sealed class SyntheticCatalog
{
    /// <summary>Timestamps are offsets from here, never from the clock.</summary>
    public static readonly DateTime Epoch = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public const int FirstYear = 1990;
    public const int LastYear = 2025;
    public const int MaxRatingVotesPerGame = 20_000;

    private static readonly Weighted<GameKind> TypeMix = new(
        (GameKind.BaseGame, 70), (GameKind.Expansion, 20), (GameKind.Promo, 4),
        (GameKind.StandaloneExpansion, 3), (GameKind.Accessory, 1.5), (GameKind.FanExpansion, 1.5));

    private static readonly Weighted<string> Modes = new(
        ("competitive", 55), ("cooperative", 18), ("mixed", 14), ("team", 8), ("solo", 5));

    private static readonly Weighted<(int Min, int Max)> PlayerRanges = new(
        ((2, 4), 25), ((1, 4), 20), ((2, 5), 12), ((2, 6), 7), ((2, 2), 6), ((1, 5), 6), ((2, 3), 4),
        ((1, 2), 3), ((1, 3), 3), ((1, 6), 3), ((3, 5), 3), ((3, 4), 2), ((3, 6), 2), ((2, 8), 2),
        ((3, 8), 1), ((4, 8), 1));

    private static readonly Weighted<string> LanguageDependence = new(
        ("no_text", 22), ("some_text", 35), ("moderate_text", 25), ("extensive_text", 14), ("unplayable_without_text", 4));

    private static readonly Weighted<string> FundingSources = new(
        ("retail", 62), ("kickstarter", 20), ("gamefound", 6), ("self_published", 7), ("backerkit", 2), ("other", 3));

    private static readonly Weighted<string> Statuses = new(("active", 95), ("pending", 3), ("archived", 2));

    private static readonly Weighted<double> PlaytimeSpan = new((1.0, 30), (1.5, 30), (2.0, 30), (3.0, 10));

    private SyntheticCatalog(int seed, SyntheticGame[] games, SyntheticTaxonomy taxonomy, SyntheticPools pools)
    {
        Seed = seed;
        Games = games;
        Taxonomy = taxonomy;
        Pools = pools;
    }

    public int Seed { get; }
    public SyntheticGame[] Games { get; }
    public SyntheticTaxonomy Taxonomy { get; }
    public SyntheticPools Pools { get; }

    public long RatingVoteTotal { get; private set; }
    public long WeightVoteTotal { get; private set; }
    public long PlayLogTotal { get; private set; }

    public static Guid GameId(int index) => DeterministicIds.For("synthetic-game", index.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Games in the order PostgreSQL sorts their ids. Rows keyed by game id are written in this
    /// order, so primary-key indexes grow at their right edge instead of splitting pages at random.
    /// </summary>
    public IEnumerable<SyntheticGame> InIdOrder()
    {
        _idOrder ??= [.. Games.OrderBy(g => g.Id, PostgresUuidOrder.Instance).Select(g => g.Index)];
        foreach (var index in _idOrder)
        {
            yield return Games[index];
        }
    }

    private int[]? _idOrder;

    /// <summary>
    /// Whether the games table already holds a synthetic set, and if so whether it is the one
    /// these parameters make: ids 0..games-1 all present, id games absent, and game 0 (always a
    /// base game, named by the first draw of its stream) carrying the slug this seed gives it.
    /// </summary>
    public static async Task<SyntheticPresence> FindPresentAsync(NpgsqlConnection connection, int games, int seed, CancellationToken ct)
    {
        var ids = new Guid[games + 1];
        for (var i = 0; i <= games; i++)
        {
            ids[i] = GameId(i);
        }
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE id <> @beyond), count(*) FILTER (WHERE id = @beyond), max(slug) FILTER (WHERE id = @first)
              FROM games WHERE id = ANY(@ids)
            """, connection);
        command.Parameters.AddWithValue("ids", ids);
        command.Parameters.AddWithValue("first", ids[0]);
        command.Parameters.AddWithValue("beyond", ids[games]);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var (within, beyond) = (reader.GetInt64(0), reader.GetInt64(1));
        var firstSlug = reader.IsDBNull(2) ? null : reader.GetString(2);
        if (within == 0 && beyond == 0)
        {
            return SyntheticPresence.None;
        }
        var expectedSlug = SyntheticNames.Slug(SyntheticNames.TopLevelName(SyntheticRandom.For(seed, RandomStream.Plan, 0)), 1);
        return within == games && beyond == 0 && firstSlug == expectedSlug ? SyntheticPresence.Same : SyntheticPresence.Different;
    }

    public static SyntheticCatalog Build(int seed, int count, SyntheticTaxonomy taxonomy, SyntheticPools pools)
    {
        var games = new SyntheticGame[count];
        var franchise = new double[count];
        for (var i = 0; i < count; i++)
        {
            var random = SyntheticRandom.For(seed, RandomStream.Plan, i);
            // Index 0 is always a base game, so every add-on has somewhere to attach.
            var kind = i == 0 ? GameKind.BaseGame : TypeMix.Sample(random);
            var game = new SyntheticGame { Index = i, Id = GameId(i), Kind = kind };
            games[i] = game;
            if (kind.IsTopLevel())
            {
                PlanTopLevel(game, random);
                if (kind == GameKind.BaseGame)
                {
                    franchise[i] = FranchiseWeight(random);
                }
            }
        }

        // Add-ons pick a base game in proportion to its franchise weight: most base games get
        // none, a long tail gets a handful, and a few get dozens.
        var bases = Enumerable.Range(0, count).Where(i => games[i].Kind == GameKind.BaseGame && franchise[i] > 0).ToArray();
        if (bases.Length == 0)
        {
            bases = [0];
            franchise[0] = 1;
        }
        var parents = new WeightedIndex([.. bases.Select(i => franchise[i])]);
        foreach (var game in games)
        {
            var random = SyntheticRandom.For(seed, RandomStream.Parent, game.Index);
            if (game.Kind == GameKind.StandaloneExpansion)
            {
                if (random.Chance(0.6))
                {
                    game.IntegratesWith = bases[parents.Sample(random)];
                    game.Name = $"{games[game.IntegratesWith].Name}: {SyntheticNames.TopLevelName(random)}";
                }
                continue;
            }
            if (game.Kind.IsTopLevel())
            {
                continue;
            }
            var parent = games[bases[parents.Sample(random)]];
            game.Parent = parent.Index;
            (parent.AddOns ??= []).Add(game.Index);
            PlanAddOn(game, parent, random);
        }

        var catalog = new SyntheticCatalog(seed, games, taxonomy, pools);
        catalog.PlanVotes();
        return catalog;
    }

    private static double FranchiseWeight(Random random)
    {
        if (!random.Chance(0.25))
        {
            return 0;
        }
        // Pareto(1, 1.3), capped: a heavy but bounded tail.
        return Math.Min(60.0, Math.Pow(1.0 - random.NextDouble(), -1.0 / 1.3));
    }

    private static void PlanTopLevel(SyntheticGame game, Random random)
    {
        game.Name = SyntheticNames.TopLevelName(random);
        // Skewed towards recent years: half the catalogue is from 2015 or later.
        game.Year = LastYear - (int)Math.Floor((LastYear - FirstYear + 1) * Math.Pow(random.NextDouble(), 1.8));
        game.Year = Math.Clamp(game.Year, FirstYear, LastYear);
        // Median about 2.45, most mass between 2 and 3, a tail towards 5.
        game.DesignWeight = SyntheticRandom.Clamp(1.0 + Math.Exp(random.Normal(0.37, 0.38)), 1.0, 4.95);
        game.Mode = Modes.Sample(random);
        (game.MinPlayers, game.MaxPlayers) = game.Mode == "solo"
            ? (1, random.Chance(0.6) ? 1 : 2)
            : PlayerRanges.Sample(random);
        game.SweetSpot = Math.Clamp(
            SyntheticRandom.RoundToInt((game.MinPlayers + game.MaxPlayers) / 2.0 - 0.3 + random.Normal(0, 0.6)),
            game.MinPlayers, game.MaxPlayers);

        var center = 15 + 22 * Math.Pow(game.DesignWeight - 1, 1.3) * Math.Exp(random.Normal(0, 0.35));
        game.MinPlaytime = Math.Clamp(RoundTo5(center * random.Uniform(0.6, 1.0)), 15, 240);
        game.MaxPlaytime = Math.Clamp(RoundTo5(game.MinPlaytime * PlaytimeSpan.Sample(random)), game.MinPlaytime, 240);

        var age = 6 + (game.DesignWeight - 1) * 2.2 + random.Normal(0, 1.5);
        game.MinAge = Math.Clamp(2 * SyntheticRandom.RoundToInt(age / 2), 6, 16);
        game.LanguageDependence = LanguageDependence.Sample(random);
        game.FundingSource = FundingSources.Sample(random);
        game.Status = Statuses.Sample(random);
        game.Quality = SyntheticRandom.Clamp(random.Normal(6.6, 0.8) + 0.25 * (game.DesignWeight - 2.5), 3.0, 9.2);
        game.Spread = random.Chance(0.01) ? 3.6 : random.Uniform(1.1, 2.0);
        game.PopularityZ = random.Normal(0, 1);
        game.HasExperiencePlaytime = random.Chance(0.08);
        PlanTimestamps(game, random);
    }

    private static void PlanAddOn(SyntheticGame game, SyntheticGame parent, Random random)
    {
        game.Name = SyntheticNames.AddOnName(random, game.Kind, parent.Name);
        game.Year = Math.Min(LastYear, parent.Year + (random.Chance(0.4) ? 0 : random.Between(1, 4)));
        game.Mode = parent.Mode;
        game.LanguageDependence = random.Chance(0.8) ? parent.LanguageDependence : LanguageDependence.Sample(random);
        game.FundingSource = random.Chance(0.7) ? parent.FundingSource : FundingSources.Sample(random);
        game.Status = Statuses.Sample(random);
        game.Modification = SyntheticEffects.ModificationFor(game, parent, random);

        var m = game.Modification;
        game.MinPlayers = Math.Max(1, parent.MinPlayers + (m?.MinPlayersDelta ?? 0));
        game.MaxPlayers = Math.Max(game.MinPlayers, parent.MaxPlayers + (m?.MaxPlayersDelta ?? 0));
        game.SweetSpot = Math.Clamp(parent.SweetSpot, game.MinPlayers, game.MaxPlayers);
        game.MinPlaytime = Math.Max(0, parent.MinPlaytime + (m?.PlaytimeMinDelta ?? 0));
        game.MaxPlaytime = Math.Max(game.MinPlaytime, parent.MaxPlaytime + (m?.PlaytimeMaxDelta ?? 0));
        game.MinAge = parent.MinAge + (m?.MinAgeDelta ?? 0);
        game.DesignWeight = SyntheticRandom.Clamp(parent.DesignWeight + (double)(m?.WeightDelta ?? 0), 1.0, 5.0);

        var qualityShift = game.Kind is GameKind.Expansion or GameKind.FanExpansion ? 0.2 : -0.3;
        game.Quality = SyntheticRandom.Clamp(parent.Quality + qualityShift + random.Normal(0, 0.4), 2.0, 9.5);
        game.Spread = random.Uniform(1.1, 2.0);
        // Popular base games have popular add-ons (correlation 0.5, same marginal distribution).
        game.PopularityZ = 0.5 * parent.PopularityZ + 0.866 * random.Normal(0, 1);
        game.HasExperiencePlaytime = game.Kind == GameKind.Expansion && random.Chance(0.03);
        PlanTimestamps(game, random);
    }

    private static void PlanTimestamps(SyntheticGame game, Random random)
    {
        game.CreatedSecond = game.Index * 53L + random.Next(53);
        game.UpdatedSecond = game.CreatedSecond + random.Next(200 * 86_400);
    }

    /// <summary>
    /// Vote counts: log-normal with a long tail (median about 12, mean about 50, a few hundred
    /// games in the thousands), scaled by type; weight votes and play logs follow popularity.
    /// </summary>
    private void PlanVotes()
    {
        const double mu = 2.52, sigma = 1.7;
        long ratings = 0, weights = 0, plays = 0;
        foreach (var game in Games)
        {
            var random = SyntheticRandom.For(Seed, RandomStream.Plan, -1 - (long)game.Index);
            var factor = game.Kind switch
            {
                GameKind.BaseGame => 1.2,
                GameKind.StandaloneExpansion => 1.0,
                GameKind.Expansion => 0.5,
                GameKind.Promo => 0.2,
                GameKind.FanExpansion => 0.15,
                _ => 0.1,
            };
            var count = Math.Floor(Math.Exp(mu + sigma * game.PopularityZ) * factor * random.Uniform(0.9, 1.1));
            game.RatingVoteCount = (int)Math.Min(MaxRatingVotesPerGame, count);
            game.WeightVoteCount = 1 + SyntheticRandom.RoundToInt(game.RatingVoteCount * random.Uniform(0.1, 0.26));
            game.PlayLogCount = SyntheticRandom.RoundToInt(game.RatingVoteCount * random.Uniform(0.04, 0.16)) + (random.Chance(0.3) ? 1 : 0);
            if (game.Kind.IsTopLevel() && game.RatingVoteCount >= 40 && !game.HasExperiencePlaytime)
            {
                game.HasExperiencePlaytime = random.Chance(0.4);
            }

            game.FirstRatingVote = ratings;
            game.FirstWeightVote = weights;
            game.FirstPlayLog = plays;
            ratings += game.RatingVoteCount;
            weights += game.WeightVoteCount;
            plays += game.PlayLogCount;
        }
        RatingVoteTotal = ratings;
        WeightVoteTotal = weights;
        PlayLogTotal = plays;
    }

    internal static int RoundTo5(double minutes) => 5 * SyntheticRandom.RoundToInt(minutes / 5);
}
