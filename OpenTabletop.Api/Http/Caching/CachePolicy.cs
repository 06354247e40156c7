using OpenTabletop.Api.Games.Includes;

namespace OpenTabletop.Api.Http.Caching;

/// <summary>Cache-Control per SPEC-DECISIONS (Caching).</summary>
public static class CachePolicy
{
    public const string Metadata = "public, max-age=86400";
    public const string Dynamic = "public, max-age=300";

    /// <summary>The OpenAPI document changes only with a deployment: revalidate every time, cheaply, by its ETag.</summary>
    public const string Document = "public, no-cache";

    /// <summary>The API under /v1 and the OpenAPI document at the root; not health, metrics or the docs page.</summary>
    public static bool Applies(PathString path) => path.StartsWithSegments("/v1") || path.StartsWithSegments("/openapi");

    private static readonly string[] Vocabularies = ["mechanics", "categories", "themes"];
    private static readonly string[] People = ["designers", "publishers"];

    /// <summary>Includes whose own resource is cached five minutes (a list, or derived from votes).</summary>
    private const GameInclude ShortLivedIncludes =
        GameInclude.Expansions | GameInclude.EffectiveProperties | GameInclude.ExperiencePlaytime | GameInclude.Polls;

    /// <summary>
    /// As <see cref="For(PathString)"/>, except that a game embedding a short-lived include is cached
    /// only as long as that include would be on its own.
    /// </summary>
    public static string For(PathString path, IQueryCollection query)
    {
        var policy = For(path);
        if (policy != Metadata || !query.TryGetValue("include", out var include)) return policy;
        var segments = (path.Value ?? "").Trim('/').Split('/');
        var embedsShortLived = (GameIncludes.Parse(include.ToString()).Values & ShortLivedIncludes) != 0;
        return segments is [_, "games", _] && embedsShortLived ? Dynamic : policy;
    }

    /// <summary>
    /// A day for a game's own record, its editions and relationships, the vocabularies, and one designer or publisher;
    /// five minutes for lists, search, ratings, polls and anything derived from votes.
    /// </summary>
    public static string For(PathString path)
    {
        var segments = (path.Value ?? "").Trim('/').Split('/');
        // segments[0] is "v1", or "openapi" for the document.
        return segments switch
        {
            ["openapi", ..] => Document,
            [_, "games", var id] when id != "search" => Metadata,
            [_, "games", _, "editions" or "relationships"] => Metadata,
            [_, var list] when Vocabularies.Contains(list) => Metadata,
            [_, var root, _] when Vocabularies.Contains(root) => Metadata,
            [_, var root, _] when People.Contains(root) => Metadata,
            _ => Dynamic,
        };
    }
}
