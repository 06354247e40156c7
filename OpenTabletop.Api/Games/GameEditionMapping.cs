using OpenTabletop.Api.Http;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Api.Games;

/// <summary>
/// The spec's GameEdition from an edition with its publishers and artists loaded; shared by
/// GET /games/{id}/editions (EF) and include=editions (raw rows).
/// </summary>
internal static class GameEditionMapping
{
    public static GameEditionResponse ToResponse(this GameEdition e, string gameHref, string gameName) => new(
        e.Id, e.GameId, e.Name, e.YearPublished,
        [.. e.EditionPublishers.OrderBy(p => p.Ordinal).Select(p => p.PublisherId)],
        e.Language,
        [.. e.ProductCodes.Select(c => new ProductCodeResponse(c.Type, c.Code))],
        e.Dimensions is { } d ? new DimensionsResponse(d.Length.ToDouble(), d.Width.ToDouble(), d.Height.ToDouble(), d.Unit) : null,
        e.BoxWeight is { } w ? new BoxWeightResponse(w.Value.ToDouble(), w.Unit) : null,
        e.ReleaseStatus, e.ReleaseDate, e.ImageUrl, e.ThumbnailUrl,
        [.. e.EditionArtists.Select(a => a.PersonId).Order()],
        e.Notes, e.IsCanonical,
        new Dictionary<string, Link> { ["game"] = new(gameHref, gameName) });
}
