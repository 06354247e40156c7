using OpenTabletop.Api.Http;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Api.Games;

/// <summary>
/// Three-tier resolution (SPEC-DECISIONS): the edition delta first, then (1) an explicit combination
/// for exactly this set, else (2) the expansions' deltas summed (best_at counts unioned in), else
/// (3) the base alone. Clamped to min_players ≥ 1, max_players ≥ min_players, weight 1–5.
/// </summary>
public static class EffectiveResolution
{
    /// <summary>A game's own (canonical, publisher-stated) values, from the entity.</summary>
    public static PropertyValues Published(Game game) => new(
        game.MinPlayers, game.MaxPlayers, game.MinPlaytimeMinutes, game.MaxPlaytimeMinutes,
        game.Weight.ToDouble(), game.TopPlayerCounts ?? [], game.RecommendedPlayerCounts ?? [], game.MinAge);

    /// <summary>The same values from an already mapped Game (the include works on responses).</summary>
    public static PropertyValues Published(GameResponse game) => new(
        game.MinPlayers, game.MaxPlayers, game.MinPlaytimeMinutes, game.MaxPlaytimeMinutes,
        game.Weight, game.TopPlayerCounts ?? [], game.RecommendedPlayerCounts ?? [], game.MinAge);

    /// <summary>The base of resolution: the published values after the edition's delta.</summary>
    public static PropertyValues BaseOf(PropertyValues values, EditionDelta? edition)
    {
        if (edition is null) return values;
        return Clamp(values with
        {
            MinPlayers = values.MinPlayers + edition.MinPlayersDelta,
            MaxPlayers = values.MaxPlayers + edition.MaxPlayersDelta,
            MinPlaytimeMinutes = values.MinPlaytimeMinutes + edition.PlaytimeMinDelta,
            MaxPlaytimeMinutes = values.MaxPlaytimeMinutes + edition.PlaytimeMaxDelta,
            // In decimal, as the database does (game_variants): 3.67 + 0.14 is 3.81, not 3.8099999999999996.
            Weight = values.Weight is { } w ? (double)((decimal)w + edition.WeightDelta) : null,
            BestAt = Union(values.BestAt, edition.BestAtDelta),
        });
    }

    public static (PropertyValues Effective, string Source) Resolve(
        PropertyValues @base, IReadOnlyCollection<Guid> expansions, ExpansionCombination? exact, IReadOnlyList<PropertyModification> deltas)
    {
        if (expansions.Count == 0) return (@base, "base_only");
        if (exact is not null)
        {
            return (new PropertyValues(
                exact.EffectiveMinPlayers ?? @base.MinPlayers,
                exact.EffectiveMaxPlayers ?? @base.MaxPlayers,
                exact.EffectivePlaytimeMin ?? @base.MinPlaytimeMinutes,
                exact.EffectivePlaytimeMax ?? @base.MaxPlaytimeMinutes,
                exact.EffectiveWeight.ToDouble() ?? @base.Weight,
                exact.EffectiveBestAt ?? @base.BestAt,
                exact.EffectiveRecommendedAt ?? @base.RecommendedAt,
                exact.EffectiveMinAge ?? @base.MinAge), "explicit");
        }
        if (deltas.Count == 0) return (@base, "base_only");
        return (Clamp(@base with
        {
            MinPlayers = @base.MinPlayers + deltas.Sum(d => d.MinPlayersDelta),
            MaxPlayers = @base.MaxPlayers + deltas.Sum(d => d.MaxPlayersDelta),
            MinPlaytimeMinutes = @base.MinPlaytimeMinutes + deltas.Sum(d => d.PlaytimeMinDelta),
            MaxPlaytimeMinutes = @base.MaxPlaytimeMinutes + deltas.Sum(d => d.PlaytimeMaxDelta),
            // Rounded half away from zero in decimal, as PostgreSQL's round(numeric) does for game_variants.
            Weight = @base.Weight is { } w ? (double)Math.Round((decimal)w + deltas.Sum(d => d.WeightDelta), 2, MidpointRounding.AwayFromZero) : null,
            BestAt = Union(@base.BestAt, deltas.SelectMany(d => d.BestAtDelta)),
            MinAge = @base.MinAge + deltas.Sum(d => d.MinAgeDelta),
        }), "computed");
    }

    private static PropertyValues Clamp(PropertyValues v)
    {
        var min = v.MinPlayers is { } m ? Math.Max(1, m) : (int?)null;
        var max = v.MaxPlayers is { } x ? Math.Max(x, min ?? 1) : (int?)null;
        return v with
        {
            MinPlayers = min,
            MaxPlayers = max,
            MinPlaytimeMinutes = v.MinPlaytimeMinutes is { } a ? Math.Max(0, a) : null,
            MaxPlaytimeMinutes = v.MaxPlaytimeMinutes is { } b ? Math.Max(b, Math.Max(0, v.MinPlaytimeMinutes ?? 0)) : null,
            Weight = v.Weight is { } w ? Math.Clamp(w, 1.0, 5.0) : null,
            MinAge = v.MinAge is { } age ? Math.Max(0, age) : null,
        };
    }

    private static int[] Union(IEnumerable<int> a, IEnumerable<int> b) => [.. a.Union(b).Order()];
}
