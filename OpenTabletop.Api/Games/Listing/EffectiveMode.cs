using Microsoft.AspNetCore.Http.HttpResults;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.Paging;

namespace OpenTabletop.Api.Games.Listing;

/// <summary>What the games list and search say about effective mode beyond the filtering itself.</summary>
internal static class EffectiveMode
{
    /// <summary>The page's meta echoes the effective switches (SPEC-NOTES §2.3), whether on or off.</summary>
    public static PageMeta Echo(PageMeta meta, GameFilters filters) =>
        meta with { Effective = filters.Effective, IncludeIntegrations = filters.IncludeIntegrations };

    /// <summary>
    /// The POST body's <c>edition</c> names one edition of one game to resolve instead of the
    /// canonical one; variants are precomputed for canonical editions only, so it is refused
    /// openly rather than ignored.
    /// </summary>
    public static ProblemHttpResult EditionNotSupported() => Problems.Create(StatusCodes.Status501NotImplemented,
        "filters.edition is not supported by this server: effective mode resolves every game's canonical edition. " +
        "Resolve another edition for one game with /v1/games/{id}/effective-properties?edition=.");
}
