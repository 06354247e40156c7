namespace OpenTabletop.Api.Games.Listing.InMemory;

/// <summary>
/// A game filter evaluated on a <see cref="GameIndexSnapshot"/>: the same conditions as
/// <see cref="GameFilterSql.For"/>, with SQL's null rule (a comparison with a missing value is never
/// true), as column scans and bitset operations. A test holds the two to the same answers.
/// </summary>
internal sealed class GameIndexFilter
{
    private readonly GameIndexSnapshot _index;
    private readonly ulong[]? _variants;

    private GameIndexFilter(GameIndexSnapshot index, ulong[] games, ulong[]? variants)
    {
        _index = index;
        Games = games;
        _variants = variants;
    }

    /// <summary>The matching games.</summary>
    public ulong[] Games { get; }

    /// <summary>
    /// False for the filters the index does not hold (designers, publishers and families, and
    /// playtimes scaled by experience): those are answered by SQL.
    /// </summary>
    public static bool Supports(GameFilters f) =>
        f.Designers.Count == 0 && f.Publishers.Count == 0 && f.Families.Count == 0 && f.PlaytimeExperience is null;

    /// <summary>The first variant (by preference) through which game <paramref name="position"/> matched; -1 outside effective mode.</summary>
    public int PreferenceOf(int position)
    {
        if (_variants is null) return -1;
        for (var v = _index.VariantStart[position]; v < _index.VariantStart[position + 1]; v++)
        {
            if (Bitset.Has(_variants, v)) return _index.Variants.Preference[v];
        }
        throw new InvalidOperationException("A game matched through none of its variants.");
    }

    public static GameIndexFilter Evaluate(GameIndexSnapshot x, GameFilters f, FilterReferences refs)
    {
        if (!Supports(f)) throw new InvalidOperationException("The in-memory index cannot evaluate this filter.");
        const int Any = GameIndexSnapshot.Null + 1;
        var games = Bitset.Full(x.Count);
        var v = x.Variants;
        var variants = f.UsesVariants ? Bitset.Full(v.Count) : null;
        if (variants is not null && !f.IncludeIntegrations) Bitset.AndNot(variants, v.Integration);

        // value >= low, value <= high, low <= value <= high; a missing value is never within.
        void AtLeast(ulong[] bits, int[] column, int low) => Bitset.KeepWithin(bits, column, Math.Max(low, Any), int.MaxValue);
        void AtMost(ulong[] bits, int[] column, int high) => Bitset.KeepWithin(bits, column, Any, high);

        if (f.Types.Count > 0) Bitset.And(games, Union(x.ByType, f.Types, x.Count));
        if (f.Modes.Count > 0) Bitset.And(games, Union(x.ByMode, f.Modes, x.Count));
        // Postings first: cheap, and the words they empty are skipped by the column scans below.
        if (f.MechanicsAny.Count > 0) Bitset.And(games, Union(x.ByMechanic, refs.CodesOf("mechanics"), x.Count));
        if (f.MechanicsAll.Count > 0)
        {
            foreach (var code in refs.CodesOf("mechanics_all")) Bitset.And(games, Union(x.ByMechanic, [code], x.Count));
        }
        if (f.MechanicsNot.Count > 0) Bitset.AndNot(games, Union(x.ByMechanic, refs.CodesOf("mechanics_not"), x.Count));
        if (f.ThemesAny.Count > 0) Bitset.And(games, Union(x.ByTheme, refs.CodesOf("themes"), x.Count));
        if (f.ThemesNot.Count > 0) Bitset.AndNot(games, Union(x.ByTheme, refs.CodesOf("theme_not"), x.Count));
        if (f.CategoriesAny.Count > 0) Bitset.And(games, Union(x.ByCategory, refs.CodesOf("categories"), x.Count));
        if (f.Category.Count > 0) Bitset.And(games, Union(x.ByCategory, refs.CodesOf("category"), x.Count));

        if (f.LanguageDependence.Count > 0) Bitset.And(games, Union(x.ByLanguageDependence, f.LanguageDependence, x.Count));

        // Players: on the variants in effective mode (GameFilterSql's AddOn), else on the game.
        if (f.Effective)
        {
            if (f.Players is { } n) { AtMost(variants!, v.MinPlayers, n); AtLeast(variants!, v.MaxPlayers, n); }
            if (f.PlayersMin is { } pmin) AtMost(variants!, v.MinPlayers, pmin);
            if (f.PlayersMax is { } pmax) AtLeast(variants!, v.MaxPlayers, pmax);
            if (f.BestAt is { } best) KeepVariants(variants!, v.TopAt, best);
            if (f.RecommendedAt is { } rec) KeepVariants(variants!, v.RecommendedAt, rec);
        }
        else
        {
            if (f.Players is { } n) { AtMost(games, x.MinPlayers, n); AtLeast(games, x.MaxPlayers, n); }
            if (f.PlayersMin is { } pmin) AtMost(games, x.MinPlayers, pmin);
            if (f.PlayersMax is { } pmax) AtLeast(games, x.MaxPlayers, pmax);
            if (f.BestAt is { } best) Bitset.And(games, Union(x.ByTopPlayerCount, [best], x.Count));
            if (f.RecommendedAt is { } rec) Bitset.And(games, Union(x.ByRecommendedPlayerCount, [rec], x.Count));
        }

        // Playtime: the publisher's on the variants in effective mode; the community's always on the game.
        var community = f.PlaytimeSource == "community";
        if (f.Effective && !community)
        {
            if (f.PlaytimeMin is { } tmin) AtLeast(variants!, v.MinPlaytime, tmin);
            if (f.PlaytimeMax is { } tmax) AtMost(variants!, v.MaxPlaytime, tmax);
        }
        else
        {
            var (min, max) = community ? (x.CommunityPlaytimeMin, x.CommunityPlaytimeMax) : (x.MinPlaytime, x.MaxPlaytime);
            if (f.PlaytimeMin is { } tmin) AtLeast(games, min, tmin);
            if (f.PlaytimeMax is { } tmax) AtMost(games, max, tmax);
        }
        if (f.CommunityPlaytimeMin is { } cmin) AtLeast(games, x.CommunityPlaytimeMin, cmin);
        if (f.CommunityPlaytimeMax is { } cmax) AtMost(games, x.CommunityPlaytimeMax, cmax);

        // Decimals are whole thousandths: value >= 2.3456 is value >= 2.346, value <= 2.3456 is value <= 2.345.
        var (weightBits, weights) = f.WeightOnVariants ? (variants!, v.WeightThousandths) : (games, x.WeightThousandths);
        if (f.WeightMin is { } wmin) AtLeast(weightBits, weights, Ceiling(wmin));
        if (f.WeightMax is { } wmax) AtMost(weightBits, weights, Floor(wmax));
        if (f.MinWeightVotes is { } wvotes) AtLeast(games, x.WeightVotes, wvotes);
        if (f.RatingMin is { } rmin) AtLeast(games, x.AverageRatingThousandths, Ceiling(rmin));
        if (f.RatingMax is { } rmax) AtMost(games, x.AverageRatingThousandths, Floor(rmax));
        if (f.MinRatingVotes is { } rvotes) AtLeast(games, x.RatingCount, rvotes);
        if (f.ConfidenceMin is { } conf) AtLeast(games, x.RatingConfidenceThousandths, Ceiling(conf));

        // Age: the publisher's minimum on the variants in effective mode; the community's always on the game.
        if (f.Effective && f.AgeSource != "community")
        {
            if (f.AgeMin is { } amin) AtLeast(variants!, v.MinAge, amin);
            if (f.AgeMax is { } amax) AtMost(variants!, v.MinAge, amax);
        }
        else
        {
            var ages = f.AgeSource == "community" ? x.CommunitySuggestedAge : x.MinAge;
            if (f.AgeMin is { } amin) AtLeast(games, ages, amin);
            if (f.AgeMax is { } amax) AtMost(games, ages, amax);
        }

        if (f.YearMin is { } ymin) AtLeast(games, x.YearPublished, ymin);
        if (f.YearMax is { } ymax) AtMost(games, x.YearPublished, ymax);

        if (variants is not null)
        {
            // A game matches through any of its variants that met every variant condition.
            var through = Bitset.Empty(x.Count);
            for (var w = 0; w < variants.Length; w++)
            {
                for (var word = variants[w]; word != 0; word &= word - 1)
                {
                    Bitset.Set(through, v.Game[(w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word)]);
                }
            }
            Bitset.And(games, through);
        }
        return new GameIndexFilter(x, games, variants);
    }

    /// <summary>The games having any of the values (none for values no game has).</summary>
    private static ulong[] Union<TKey>(IReadOnlyDictionary<TKey, ulong[]> postings, IEnumerable<TKey> values, int size)
    {
        var union = Bitset.Empty(size);
        foreach (var value in values)
        {
            if (postings.TryGetValue(value, out var bits)) Bitset.Or(union, bits);
        }
        return union;
    }

    /// <summary>Keeps the variants whose player-count list holds <paramref name="count"/>.</summary>
    private static void KeepVariants(ulong[] variants, int[][] counts, int count)
    {
        for (var i = 0; i < counts.Length; i++)
        {
            if (Bitset.Has(variants, i) && Array.IndexOf(counts[i], count) < 0) variants[i >> 6] &= ~(1UL << (i & 63));
        }
    }

    private static int Ceiling(decimal value) => (int)Math.Clamp(decimal.Ceiling(value * 1000m), int.MinValue + 1, int.MaxValue);

    private static int Floor(decimal value) => (int)Math.Clamp(decimal.Floor(value * 1000m), int.MinValue + 1, int.MaxValue);
}
