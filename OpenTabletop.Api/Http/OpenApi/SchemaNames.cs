using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using OpenTabletop.Api.Games;
using OpenTabletop.Api.Games.Includes;
using OpenTabletop.Api.Http.Paging;
using OpenTabletop.Api.People;
using OpenTabletop.Api.Taxonomy;

namespace OpenTabletop.Api.Http.OpenApi;

/// <summary>
/// The component name each response type is published under: the spec's component names, so a client
/// generated from our document and one generated from the spec agree. The C# records keep their own
/// names (GameResponse and so on); only the document says Game.
/// </summary>
internal static class SchemaNames
{
    /// <summary>Shared by Mechanic, Category and Theme; the response-schema convention renames it per endpoint.</summary>
    public const string TaxonomyTerm = "TaxonomyTerm";

    public const string ErrorResponse = "ErrorResponse";
    public const string ValidationError = "ValidationError";
    public const string PaginatedResponse = "PaginatedResponse";

    private static readonly Dictionary<Type, string> Names = new()
    {
        [typeof(GameResponse)] = "Game",
        [typeof(GameEditionResponse)] = "GameEdition",
        [typeof(EditionDeltaResponse)] = "EditionDelta",
        [typeof(ProductCodeResponse)] = "ProductCode",
        [typeof(DimensionsResponse)] = "PhysicalDimensions",
        [typeof(BoxWeightResponse)] = "PhysicalWeight",
        [typeof(EffectivePropertiesResponse)] = "EffectiveProperties",
        // One record carries both sides of an effective-properties answer; the spec's base side is the exact match
        // (EffectivePropertyValues only adds experience_playtime, which we do not compute).
        [typeof(PropertyValues)] = "BaseProperties",
        [typeof(IndividualEffect)] = "IndividualEffect",
        [typeof(ExperiencePlaytimeProfileResponse)] = "ExperiencePlaytimeProfile",
        [typeof(ExperiencePlaytimePollResponse)] = "ExperiencePlaytimePoll",
        [typeof(ExperienceMultipliers)] = "ExperienceMultipliers",
        [typeof(PlayerCountRatingResponse)] = "PlayerCountRating",
        [typeof(PlayerCountRatingsResponse)] = "PlayerCountRatings",
        [typeof(GameRelationshipResponse)] = "GameRelationship",
        [typeof(AlternateNameResponse)] = "AlternateName",
        [typeof(GameCreditResponse)] = "GameCredit",
        [typeof(GameAwardResponse)] = "GameAward",
        [typeof(PlayerCountPollResponse)] = "PlayerCountPollLegacy",
        [typeof(CommunityAgePollResponse)] = "CommunityAgePoll",
        [typeof(LanguageDependencePollResponse)] = "LanguageDependencePoll",
        // include=polls is our ruling (README); the spec has no schema for it.
        [typeof(GamePollsResponse)] = "GamePolls",
        [typeof(Statistics.TrendDataPointResponse)] = "TrendDataPoint",
        [typeof(Statistics.MechanicTrendDataPointResponse)] = "MechanicTrendDataPoint",
        [typeof(TaxonomyTermResponse)] = TaxonomyTerm,
        [typeof(DesignerResponse)] = "Designer",
        [typeof(PublisherResponse)] = "Publisher",
        [typeof(Link)] = "Link",
        [typeof(PageMeta)] = "PaginationMeta",
        [typeof(PageLinks)] = "PaginationLinks",
        [typeof(ProblemDetails)] = ErrorResponse,
        [typeof(FieldError)] = ValidationError,
    };

    /// <summary>
    /// Types the spec describes inline in the operation rather than as components: the list envelopes (rewritten
    /// into the spec's allOf of PaginatedResponse) and the editions and relationships wrappers.
    /// </summary>
    private static readonly HashSet<Type> Inline =
    [
        typeof(GameEditionsResponse),
        typeof(EditionsEmbedded),
        typeof(GameRelationshipsResponse),
    ];

    /// <summary>
    /// Properties where a shared record goes by another spec name: the taxonomy terms a game embeds (include=) are the
    /// spec's Mechanic, Category and Theme. A property a record does not have (yet) is skipped.
    /// </summary>
    public static readonly IReadOnlyList<(string Component, string Property, string Name)> PropertySchemas =
    [
        ("Game", "mechanics", "Mechanic"),
        ("Game", "categories", "Category"),
        ("Game", "themes", "Theme"),
    ];

    /// <summary>For <see cref="OpenApiOptions.CreateSchemaReferenceId"/>: the component name, or null to inline.</summary>
    public static string? ReferenceId(JsonTypeInfo typeInfo)
    {
        var type = typeInfo.Type;
        if (Names.TryGetValue(type, out var name)) return name;
        if (Inline.Contains(type) || IsPage(type)) return null;
        return OpenApiOptions.CreateDefaultSchemaReferenceId(typeInfo);
    }

    /// <summary>The spec component name of a type, or null for a type the table does not name.</summary>
    public static string? For(Type type) => Names.GetValueOrDefault(type);

    public static bool IsPage(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Page<>);
}
