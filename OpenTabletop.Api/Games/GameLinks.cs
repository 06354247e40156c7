using OpenTabletop.Api.Http;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Api.Games;

/// <summary>The Game's HAL links, slug-based and relative to the API root (spec ADR-0018).</summary>
internal static class GameLinks
{
    public const string Root = "/v1";

    public static IReadOnlyDictionary<string, Link> For(Game game)
    {
        var self = $"{Root}/games/{game.Slug}";
        var links = new Dictionary<string, Link>
        {
            ["self"] = new(self, game.Name),
            ["effective_properties"] = new($"{self}/effective-properties", "Effective properties"),
            ["relationships"] = new($"{self}/relationships", "Game relationships"),
            ["player_count_ratings"] = new($"{self}/player-count-ratings", "Per-player-count ratings"),
            ["experience_playtime"] = new($"{self}/experience-playtime", "Experience-adjusted playtime"),
            ["editions"] = new($"{self}/editions", "Editions"),
            ["history"] = new($"{self}/history", "Rating history"),
        };
        if (game.Type is "base_game" or "standalone_expansion")
        {
            links["expansions"] = new($"{self}/expansions", $"Expansions for {game.Name}");
            links["promos"] = new($"{self}/expansions?type=promo", $"Promo packs for {game.Name}");
            links["standalone_expansions"] = new($"{self}/expansions?type=standalone_expansion", $"Standalone versions of {game.Name}");
        }
        return links;
    }
}
