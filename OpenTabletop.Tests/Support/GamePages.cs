using System.Text.Json;

namespace OpenTabletop.Tests.Support;

/// <summary>Pages of GET /v1/games as the tests read them.</summary>
public static class GamePages
{
    /// <summary>GETs a 200 page of games that also validates against the spec's response schema.</summary>
    public static async Task<JsonDocument> GetValidGamesAsync(this HttpClient http, string href)
    {
        var page = await http.GetJsonAsync(href);
        SpecSchema.AssertValid("/games", "get", 200, page.RootElement.GetRawText());
        return page;
    }

    public static List<string> Slugs(JsonDocument page) =>
        [.. page.RootElement.GetProperty("data").EnumerateArray().Select(g => g.GetProperty("slug").GetString()!)];
}
