using System.Globalization;
using OpenTabletop.Data;

namespace OpenTabletop.MigrationService.Seeding.Synthetic;

/// <summary>An <c>expansion_combinations</c> row: curated properties for an exact set of expansions.</summary>
internal sealed record SyntheticCombination(
    Guid Id,
    Guid BaseGameId,
    Guid[] ExpansionIds,
    string Source,
    int MinPlayers,
    int MaxPlayers,
    int[] BestAt,
    int[] RecommendedAt,
    decimal Weight,
    int PlaytimeMin,
    int PlaytimeMax,
    int MinAge);

/// <summary>What add-ons do to their base game: property deltas (tier 2) and explicit combinations (tier 1).</summary>
internal static class SyntheticEffects
{
    /// <summary>Most expansions carry deltas, half the promos do, accessories never.</summary>
    public static Modification? ModificationFor(SyntheticGame game, SyntheticGame parent, Random random)
    {
        var probability = game.Kind switch
        {
            GameKind.Expansion => 0.85,
            GameKind.FanExpansion => 0.7,
            GameKind.Promo => 0.5,
            _ => 0.0,
        };
        if (!random.Chance(probability))
        {
            return null;
        }

        var isPromo = game.Kind == GameKind.Promo;
        var minDelta = !isPromo && parent.MinPlayers > 1 && random.Chance(0.12) ? -1 : 0;
        var maxDelta = !isPromo && parent.MaxPlayers < 8 && random.Chance(0.22) ? (random.Chance(0.3) ? 2 : 1) : 0;
        var weightDelta = isPromo
            ? random.Uniform(0, 0.06)
            : random.Chance(0.08) ? random.Uniform(-0.15, 0) : random.Uniform(0, 0.45);
        // Keep the base plus its own delta inside 1..5.
        weightDelta = SyntheticRandom.Clamp(parent.DesignWeight + weightDelta, 1.0, 5.0) - parent.DesignWeight;
        var playtimeMin = isPromo ? 0 : random.Chance(0.7) ? SyntheticCatalog.RoundTo5(random.Uniform(0, 25)) : 0;
        var playtimeMax = playtimeMin + (isPromo ? (random.Chance(0.3) ? 5 : 0) : SyntheticCatalog.RoundTo5(random.Uniform(0, 30)));
        int[] bestAt = maxDelta > 0 && random.Chance(0.5) ? [parent.MaxPlayers + maxDelta]
            : random.Chance(0.15) ? [parent.SweetSpot]
            : [];
        var ageDelta = !isPromo && random.Chance(0.06) ? 2 : 0;

        var what = maxDelta > 0 ? $"Supports up to {parent.MaxPlayers + maxDelta} players"
            : minDelta < 0 ? "Adds a solo mode"
            : isPromo ? "Adds a handful of new cards"
            : "Adds new modules and scenarios";
        var depth = weightDelta > 0.2 ? " and deepens the strategy" : "";
        var time = playtimeMax > 0 ? $", adding up to {playtimeMax} minutes per game" : "";
        return new Modification(
            minDelta, maxDelta, Math.Round((decimal)weightDelta, 3, MidpointRounding.AwayFromZero),
            playtimeMin, playtimeMax, bestAt, ageDelta, $"{what}{depth}{time}.");
    }

    /// <summary>
    /// What a standalone game that integrates with a base game does to it when the two are combined
    /// (about half of them say): more seats, a little more depth and time. These are the products
    /// effective mode adds only with include_integrations.
    /// </summary>
    public static Modification? IntegrationFor(SyntheticGame standalone, SyntheticGame baseGame, Random random)
    {
        if (!random.Chance(0.5))
        {
            return null;
        }
        var maxDelta = baseGame.MaxPlayers < 8 ? random.Between(1, 2) : 0;
        var weightDelta = SyntheticRandom.Clamp(baseGame.DesignWeight + random.Uniform(0, 0.3), 1.0, 5.0) - baseGame.DesignWeight;
        var playtimeMax = SyntheticCatalog.RoundTo5(random.Uniform(0, 30));
        return new Modification(
            0, maxDelta, Math.Round((decimal)weightDelta, 3, MidpointRounding.AwayFromZero), 0, playtimeMax, [], 0,
            $"Combined with {standalone.Name}: " + (maxDelta > 0 ? $"up to {baseGame.MaxPlayers + maxDelta} players." : "more of everything."));
    }

    /// <summary>
    /// Some base games with two or more expansions get one or two explicit combinations: a set of
    /// two to four of their expansions, and sometimes a pair. Ids are stored in uuid order.
    /// </summary>
    public static List<SyntheticCombination> CombinationsFor(SyntheticCatalog catalog, SyntheticGame baseGame)
    {
        var combinations = new List<SyntheticCombination>();
        if (baseGame.AddOns is null)
        {
            return combinations;
        }
        var expansions = baseGame.AddOns.Where(i => catalog.Games[i].Kind == GameKind.Expansion).ToArray();
        if (expansions.Length < 2)
        {
            return combinations;
        }
        var random = SyntheticRandom.For(catalog.Seed, RandomStream.Combinations, baseGame.Index);
        if (!random.Chance(0.4))
        {
            return combinations;
        }

        random.Shuffle(expansions);
        var sets = new List<int[]> { expansions[..random.Between(2, Math.Min(4, expansions.Length))] };
        if (expansions.Length >= 3 && random.Chance(0.5))
        {
            int[] pair = [expansions[^1], expansions[^2]];
            if (!(sets[0].Length == 2 && sets[0].Order().SequenceEqual(pair.Order())))
            {
                sets.Add(pair);
            }
        }

        foreach (var set in sets)
        {
            combinations.Add(Combine(catalog, baseGame, set, random, combinations.Count));
        }
        return combinations;
    }

    private static SyntheticCombination Combine(SyntheticCatalog catalog, SyntheticGame baseGame, int[] set, Random random, int ordinal)
    {
        var members = set.Select(i => catalog.Games[i]).ToArray();
        var mods = members.Select(g => g.Modification).OfType<Modification>().ToArray();
        var minPlayers = Math.Max(1, baseGame.MinPlayers + mods.Sum(m => m.MinPlayersDelta));
        var maxPlayers = Math.Max(minPlayers, baseGame.MaxPlayers + mods.Sum(m => m.MaxPlayersDelta));
        // Curated values are close to, but not exactly, the sum of the deltas.
        var weight = SyntheticRandom.Clamp(
            baseGame.DesignWeight + 0.85 * (double)mods.Sum(m => m.WeightDelta) + random.Normal(0, 0.05), 1.0, 5.0);
        var playtimeMin = Math.Max(0, baseGame.MinPlaytime + mods.Sum(m => m.PlaytimeMinDelta) + SyntheticCatalog.RoundTo5(random.Normal(0, 5)));
        var playtimeMax = Math.Max(playtimeMin, baseGame.MaxPlaytime + mods.Sum(m => m.PlaytimeMaxDelta) + SyntheticCatalog.RoundTo5(random.Normal(0, 8)));
        var minAge = baseGame.MinAge + (mods.Length == 0 ? 0 : mods.Max(m => m.MinAgeDelta));

        var sweet = Math.Clamp(baseGame.SweetSpot, minPlayers, maxPlayers);
        var bestAt = mods.SelectMany(m => m.BestAtDelta).Append(sweet)
            .Where(c => c >= minPlayers && c <= maxPlayers).Distinct().Order().ToArray();
        var recommendedAt = Enumerable.Range(Math.Max(minPlayers, sweet - 1), Math.Min(maxPlayers, sweet + 1) - Math.Max(minPlayers, sweet - 1) + 1)
            .Concat(bestAt).Distinct().Order().ToArray();

        var ids = members.Select(g => g.Id).ToArray();
        Array.Sort(ids, PostgresUuidOrder.Instance);
        return new SyntheticCombination(
            DeterministicIds.For("synthetic-combination", $"{baseGame.Index.ToString(CultureInfo.InvariantCulture)}:{ordinal.ToString(CultureInfo.InvariantCulture)}"),
            baseGame.Id, ids, random.Chance(0.6) ? "community_poll" : "publisher",
            minPlayers, maxPlayers, bestAt, recommendedAt,
            Math.Round((decimal)weight, 3, MidpointRounding.AwayFromZero), playtimeMin, playtimeMax, minAge);
    }
}

/// <summary>PostgreSQL orders uuids by their 16 bytes in RFC (big-endian) order; <see cref="Guid.CompareTo(Guid)"/> does not.</summary>
internal sealed class PostgresUuidOrder : IComparer<Guid>
{
    public static readonly PostgresUuidOrder Instance = new();

    public int Compare(Guid x, Guid y)
    {
        Span<byte> a = stackalloc byte[16];
        Span<byte> b = stackalloc byte[16];
        x.TryWriteBytes(a, bigEndian: true, out _);
        y.TryWriteBytes(b, bigEndian: true, out _);
        return a.SequenceCompareTo(b);
    }
}
