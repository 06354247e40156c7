using System.Buffers.Binary;

namespace OpenTabletop.MigrationService.Seeding.Synthetic;

internal readonly record struct RatingVoteRow(
    Guid Id, decimal Rating, short? DeclaredScale, int Normalised, int? PlayCount, string? ExperienceLevel, DateTime CreatedAt);

internal readonly record struct WeightVoteRow(Guid Id, int Hundredths, DateTime CreatedAt)
{
    public decimal Weight => Hundredths / 100m;
}

internal readonly record struct PlayLogRow(
    Guid Id, int DurationMinutes, int? PlayerCount, string? ExperienceLevel, bool IsCampaign, DateOnly PlayedAt, DateTime CreatedAt);

/// <summary>
/// Raw votes and play logs of one game, regenerated on demand from (seed, game): once to compute
/// the aggregates on the games row, once more while they stream into COPY. Never all in memory.
/// </summary>
internal static class SyntheticVotes
{
    public const int CommunityPlaytimeMinimumLogs = 3;

    private static readonly DateTime WindowEnd = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime EarliestVote = new(2005, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly long IdEpochMs = new DateTimeOffset(SyntheticCatalog.Epoch).ToUnixTimeMilliseconds();

    private static readonly Weighted<string> Levels = new(("first_play", 20), ("learning", 30), ("experienced", 35), ("expert", 15));

    public static IEnumerable<RatingVoteRow> RatingVotes(int seed, SyntheticGame game)
    {
        var random = SyntheticRandom.For(seed, RandomStream.Ratings, game.Index);
        var (start, seconds) = Window(game);
        for (var k = 0; k < game.RatingVoteCount; k++)
        {
            var value = Math.Clamp(SyntheticRandom.RoundToInt(random.Normal(game.Quality, game.Spread)), 1, 10);
            short? scale = null;
            var normalised = value;
            if (random.Chance(0.08))
            {
                // A voter on a five-star scale: 4/5 normalises to 8/10.
                value = Math.Clamp(SyntheticRandom.RoundToInt(value / 2.0), 1, 5);
                scale = 5;
                normalised = value * 2;
            }
            int? playCount = random.Chance(0.35) ? (int)Math.Min(200, Math.Floor(Math.Exp(random.Normal(1.5, 1.1)))) : null;
            var level = random.Chance(0.25) ? Levels.Sample(random) : null;
            var created = start.AddSeconds(Math.Floor(random.NextDouble() * seconds));
            yield return new RatingVoteRow(
                OrderedId(seed, RandomStream.Ratings, game.FirstRatingVote + k), value, scale, normalised, playCount, level, created);
        }
    }

    public static IEnumerable<WeightVoteRow> WeightVotes(int seed, SyntheticGame game)
    {
        var random = SyntheticRandom.For(seed, RandomStream.Weights, game.Index);
        var (start, seconds) = Window(game);
        for (var k = 0; k < game.WeightVoteCount; k++)
        {
            var weight = SyntheticRandom.Clamp(random.Normal(game.DesignWeight, 0.45), 1.0, 5.0);
            // Most voters answer to one decimal, some to two.
            var hundredths = random.Chance(0.8)
                ? 10 * SyntheticRandom.RoundToInt(weight * 10)
                : SyntheticRandom.RoundToInt(weight * 100);
            var created = start.AddSeconds(Math.Floor(random.NextDouble() * seconds));
            yield return new WeightVoteRow(
                OrderedId(seed, RandomStream.Weights, game.FirstWeightVote + k), Math.Clamp(hundredths, 100, 500), created);
        }
    }

    public static IEnumerable<PlayLogRow> PlayLogs(int seed, SyntheticGame game)
    {
        var random = SyntheticRandom.For(seed, RandomStream.Plays, game.Index);
        var (start, seconds) = Window(game);
        var days = (int)(seconds / 86_400);
        for (var k = 0; k < game.PlayLogCount; k++)
        {
            var level = random.Chance(0.88) ? Levels.Sample(random) : null;
            var multiplier = level switch
            {
                "first_play" => 1.5,
                "learning" => 1.25,
                "experienced" => 1.0,
                "expert" => 0.85,
                _ => 1.1,
            };
            var campaign = random.Chance(0.03);
            int duration;
            if (campaign)
            {
                duration = SyntheticCatalog.RoundTo5(random.Uniform(90, 600));
            }
            else if (random.Chance(0.01))
            {
                // Mis-entered logs; the community playtime aggregate excludes anything under 5 minutes.
                duration = random.Between(1, 4);
            }
            else
            {
                var typical = random.Uniform(Math.Max(5, game.MinPlaytime), Math.Max(5, game.MaxPlaytime));
                duration = Math.Max(5, SyntheticCatalog.RoundTo5(typical * multiplier * Math.Exp(random.Normal(0, 0.2))));
            }
            int? players = random.Chance(0.9)
                ? Math.Clamp(SyntheticRandom.RoundToInt(random.Normal(game.SweetSpot, 0.8)), game.MinPlayers, game.MaxPlayers)
                : null;
            var playedAt = DateOnly.FromDateTime(start).AddDays(random.Next(Math.Max(1, days)));
            var created = playedAt.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddSeconds(random.Next(3 * 86_400));
            yield return new PlayLogRow(
                OrderedId(seed, RandomStream.Plays, game.FirstPlayLog + k), duration, players, level, campaign, playedAt, created);
        }
    }

    /// <summary>Votes arrive from the game's publication (not before 2005) to the end of 2025.</summary>
    private static (DateTime Start, double Seconds) Window(SyntheticGame game)
    {
        var start = new DateTime(game.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        if (start < EarliestVote)
        {
            start = EarliestVote;
        }
        return (start, (WindowEnd - start).TotalSeconds);
    }

    /// <summary>
    /// A UUIDv7 whose timestamp field is the epoch plus the row's global ordinal (in ms) and whose
    /// random bits are a hash of (seed, table, ordinal). Deterministic, valid v7, and increasing
    /// in write order, so the primary key index is appended to rather than split at random.
    /// </summary>
    public static Guid OrderedId(int seed, RandomStream stream, long ordinal)
    {
        Span<byte> bytes = stackalloc byte[16];
        var ms = (ulong)(IdEpochMs + ordinal);
        BinaryPrimitives.WriteUInt64BigEndian(bytes, ms << 16);
        var random = SyntheticRandom.Mix64((uint)seed, (ulong)stream, (ulong)ordinal);
        BinaryPrimitives.WriteUInt16BigEndian(bytes[6..], (ushort)(random >> 48));
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], random * 0x9E3779B97F4A7C15UL + (ulong)ordinal);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
