using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Games.Expansions;

internal static class ExpansionLinks
{
    /// <summary>An expansion listed under a base game links back to it (spec: expansion items carry <c>_links.parent</c>).</summary>
    public static GameResponse WithParent(GameResponse expansion, string baseSlug, string baseName) => expansion with
    {
        Links = new Dictionary<string, Link>(expansion.Links)
        {
            ["parent"] = new($"{GameLinks.Root}/games/{baseSlug}", baseName),
        },
    };
}
