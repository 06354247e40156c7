using System.Text.Json.Serialization;

namespace OpenTabletop.Api.Games;

/// <summary>The spec's BaseProperties / EffectivePropertyValues.</summary>
public sealed record PropertyValues(
    int? MinPlayers,
    int? MaxPlayers,
    int? MinPlaytimeMinutes,
    int? MaxPlaytimeMinutes,
    double? Weight,
    IReadOnlyList<int> BestAt,
    IReadOnlyList<int> RecommendedAt,
    int? MinAge);

/// <summary>One expansion's own additive effect (spec PropertyModification deltas).</summary>
public sealed record IndividualEffect(
    int MinPlayersDelta,
    int MaxPlayersDelta,
    double WeightDelta,
    int PlaytimeMinDelta,
    int PlaytimeMaxDelta,
    IReadOnlyList<int> BestAtDelta,
    int MinAgeDelta,
    string? Description);

/// <summary>The spec's EffectiveProperties.</summary>
public sealed record EffectivePropertiesResponse(
    PropertyValues Base,
    IReadOnlyList<string> AppliedExpansions,
    PropertyValues Effective,
    string CombinationSource,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] Guid? EditionId,
    string EditionSource,
    IReadOnlyDictionary<string, IndividualEffect> IndividualEffects);
