namespace OpenTabletop.MigrationService.Seeding.Synthetic;

internal enum GameKind : byte
{
    BaseGame,
    Expansion,
    StandaloneExpansion,
    Promo,
    Accessory,
    FanExpansion,
}

internal static class GameKinds
{
    public static string ToDbValue(this GameKind kind) => kind switch
    {
        GameKind.BaseGame => "base_game",
        GameKind.Expansion => "expansion",
        GameKind.StandaloneExpansion => "standalone_expansion",
        GameKind.Promo => "promo",
        GameKind.Accessory => "accessory",
        GameKind.FanExpansion => "fan_expansion",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Games that stand on their own (no parent_game_id).</summary>
    public static bool IsTopLevel(this GameKind kind) => kind is GameKind.BaseGame or GameKind.StandaloneExpansion;

    /// <summary>Add-ons linked to their base game by an <c>expands</c> relationship (source = base, target = add-on).</summary>
    public static bool Expands(this GameKind kind) => kind is GameKind.Expansion or GameKind.Promo or GameKind.FanExpansion;
}

/// <summary>Additive deltas of one add-on over its base game (a <c>property_modifications</c> row).</summary>
internal sealed record Modification(
    int MinPlayersDelta,
    int MaxPlayersDelta,
    decimal WeightDelta,
    int PlaytimeMinDelta,
    int PlaytimeMaxDelta,
    int[] BestAtDelta,
    int MinAgeDelta,
    string Description);

/// <summary>
/// The plan of one synthetic game: everything its rows are derived from. Vote rows are not kept;
/// they are regenerated from (seed, index) when written, and only their aggregates live here.
/// </summary>
internal sealed class SyntheticGame
{
    public required int Index { get; init; }
    public required Guid Id { get; init; }
    public required GameKind Kind { get; init; }

    /// <summary>Index of the base game for add-ons, else -1.</summary>
    public int Parent { get; set; } = -1;

    /// <summary>Index of the base game a standalone expansion integrates with, else -1.</summary>
    public int IntegratesWith { get; set; } = -1;

    /// <summary>Indexes of this base game's add-ons, in index order; null when none.</summary>
    public List<int>? AddOns { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Unique by construction: the slugified name plus the 1-based index.</summary>
    public string Slug => SyntheticNames.Slug(Name, Index + 1);

    public int Year { get; set; }
    public int MinPlayers { get; set; }
    public int MaxPlayers { get; set; }
    public int SweetSpot { get; set; }
    public int MinPlaytime { get; set; }
    public int MaxPlaytime { get; set; }
    public int MinAge { get; set; }
    public double DesignWeight { get; set; }
    public string Mode { get; set; } = "competitive";
    public string LanguageDependence { get; set; } = "some_text";
    public string FundingSource { get; set; } = "retail";
    public string Status { get; set; } = "active";

    /// <summary>Mean and spread of this game's rating votes on the 1-10 scale.</summary>
    public double Quality { get; set; }
    public double Spread { get; set; }

    /// <summary>Standard-normal popularity draw; add-ons correlate with their base game through it.</summary>
    public double PopularityZ { get; set; }

    public Modification? Modification { get; set; }
    public bool HasExperiencePlaytime { get; set; }

    public int RatingVoteCount { get; set; }
    public int WeightVoteCount { get; set; }
    public int PlayLogCount { get; set; }

    /// <summary>Global ordinals of this game's first vote/log rows; they make the rows' time-ordered ids.</summary>
    public long FirstRatingVote { get; set; }
    public long FirstWeightVote { get; set; }
    public long FirstPlayLog { get; set; }

    /// <summary>Seconds after the catalogue epoch at which the row was created.</summary>
    public long CreatedSecond { get; set; }
    public long UpdatedSecond { get; set; }

    public GameAggregates Aggregates { get; set; } = GameAggregates.Empty;
}

/// <summary>Tier-2 aggregates written on the games row, computed from the generated raw rows.</summary>
internal sealed record GameAggregates(
    int RatingCount,
    decimal? AverageRating,
    decimal? RatingStddev,
    int[] RatingDistribution,
    long RatingSum,
    int WeightVotes,
    decimal? Weight,
    int TotalPlays,
    int? CommunityPlaytimeMin,
    int? CommunityPlaytimeMedian,
    int? CommunityPlaytimeMax,
    int[] TopPlayerCounts,
    int[] RecommendedPlayerCounts)
{
    public static readonly GameAggregates Empty = new(0, null, null, new int[10], 0, 0, null, 0, null, null, null, [], []);

    public decimal? BayesRating { get; set; }
    public int? RankOverall { get; set; }
}
