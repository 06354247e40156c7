using OpenTabletop.Data.Entities;

namespace OpenTabletop.Api.Games;

/// <summary>
/// The EffectiveProperties response from loaded inputs; shared by GET /games/{id}/effective-properties
/// and include=effective_properties so that both always agree.
/// </summary>
internal static class EffectivePropertiesBuilder
{
    /// <param name="published">The game's own values (<see cref="EffectiveResolution.Published(Game)"/>).</param>
    /// <param name="editionId">The edition applied first, if any.</param>
    /// <param name="editionDelta">That edition's delta (the canonical one normally has none).</param>
    /// <param name="editionSource">explicit, canonical or none.</param>
    /// <param name="expansions">The requested expansions, validated, without duplicates, in request order.</param>
    /// <param name="exact">The explicit combination for exactly that set, if one exists.</param>
    /// <param name="deltas">Those expansions' deltas on this base game.</param>
    public static EffectivePropertiesResponse Build(
        PropertyValues published,
        Guid? editionId,
        EditionDelta? editionDelta,
        string editionSource,
        IReadOnlyList<(Guid Id, string Slug)> expansions,
        ExpansionCombination? exact,
        IReadOnlyList<PropertyModification> deltas)
    {
        var ids = expansions.Select(e => e.Id).ToHashSet();
        var @base = EffectiveResolution.BaseOf(published, editionDelta);
        var (effective, source) = EffectiveResolution.Resolve(@base, ids, exact, deltas);
        var slugOf = expansions.ToDictionary(e => e.Id, e => e.Slug);
        return new EffectivePropertiesResponse(
            @base,
            [.. expansions.Select(e => e.Slug)],
            effective,
            source,
            editionId,
            editionSource,
            deltas.OrderBy(d => slugOf[d.ExpansionId], StringComparer.Ordinal).ToDictionary(
                d => slugOf[d.ExpansionId],
                d => new IndividualEffect(d.MinPlayersDelta, d.MaxPlayersDelta, (double)d.WeightDelta, d.PlaytimeMinDelta,
                    d.PlaytimeMaxDelta, d.BestAtDelta, d.MinAgeDelta, d.Description)));
    }

    /// <summary>The base game alone after its canonical edition (GET effective-properties without <c>with</c>).</summary>
    public static EffectivePropertiesResponse BaseOnly(PropertyValues published, Guid? canonicalEditionId, EditionDelta? canonicalDelta) =>
        Build(published, canonicalEditionId, canonicalDelta, canonicalEditionId is null ? "none" : "canonical", [], null, []);
}
