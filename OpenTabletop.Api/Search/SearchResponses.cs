using OpenTabletop.Api.Games;
using OpenTabletop.Api.People;
using OpenTabletop.Api.Taxonomy;

namespace OpenTabletop.Api.Search;

/// <summary>
/// The spec's SearchResult: the type discriminator, the 0–1 score and the entity under the key named
/// by the type (the other keys are absent, not null).
/// </summary>
public sealed record SearchResultResponse(
    string ResultType,
    double Score,
    GameResponse? Game = null,
    DesignerResponse? Designer = null,
    PublisherResponse? Publisher = null,
    TaxonomyTermResponse? Mechanic = null,
    TaxonomyTermResponse? Category = null);

/// <summary>One ranked row; a game's row arrives with the game itself, the other types' entities are loaded after.</summary>
internal sealed record SearchHit(string ResultType, Guid Id, decimal Score, GameResponse? Game);
