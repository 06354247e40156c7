using System.Text.Json.Serialization;
using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Games;

public sealed record ProductCodeResponse(string Type, string Code);

public sealed record DimensionsResponse(double? Length, double? Width, double? Height, string? Unit);

public sealed record BoxWeightResponse(double? Value, string? Unit);

/// <summary>The spec's GameEdition.</summary>
public sealed record GameEditionResponse(
    Guid Id,
    Guid GameId,
    string Name,
    int? YearPublished,
    IReadOnlyList<Guid> PublisherIds,
    string? Language,
    IReadOnlyList<ProductCodeResponse> ProductCodes,
    DimensionsResponse? Dimensions,
    BoxWeightResponse? BoxWeight,
    string? ReleaseStatus,
    DateOnly? ReleaseDate,
    string? ImageUrl,
    string? ThumbnailUrl,
    IReadOnlyList<Guid> ArtistIds,
    string? Notes,
    bool IsCanonical,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links);

/// <summary>The spec's EditionDelta: how an edition differs from the canonical one.</summary>
public sealed record EditionDeltaResponse(
    Guid EditionId,
    Guid GameId,
    int MinPlayersDelta,
    int MaxPlayersDelta,
    double WeightDelta,
    int PlaytimeMinDelta,
    int PlaytimeMaxDelta,
    IReadOnlyList<int> BestAtDelta,
    string? RulesChanges,
    string? ComponentChanges,
    string? Description);

public sealed record EditionsEmbedded(IReadOnlyList<EditionDeltaResponse> Deltas);

public sealed record GameEditionsResponse(
    Guid GameId,
    Guid? CanonicalEditionId,
    IReadOnlyList<GameEditionResponse> Editions,
    [property: JsonPropertyName("_embedded"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EditionsEmbedded? Embedded,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, Link> Links);
