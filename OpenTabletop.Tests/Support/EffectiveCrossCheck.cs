using System.Text.Json;

namespace OpenTabletop.Tests.Support;

/// <summary>
/// The issue's cross-check: the variant an effective-mode search reports for a game resolves, through
/// GET /games/{id}/effective-properties?with= of the same expansions, to the very same properties
/// and tier. The search reads precomputed rows (SQL); the endpoint resolves in C#; they must agree.
/// </summary>
public static class EffectiveCrossCheck
{
    public static async Task AssertAgreesAsync(HttpClient http, JsonElement game)
    {
        var slug = game.GetProperty("slug").GetString()!;
        var via = game.GetProperty("matched_via");
        var expansions = via.GetProperty("expansions").EnumerateArray().Select(e => e.GetProperty("slug").GetString()!).ToList();
        var href = $"/v1/games/{slug}/effective-properties" + (expansions.Count == 0 ? "" : "?with=" + string.Join(",", expansions));
        using var resolved = await http.GetJsonAsync(href);

        var expectedSource = via.GetProperty("type").GetString() switch
        {
            "base" => "base_only",
            "delta_sum" => "computed",
            "expansion_combination" => "explicit",
            var other => throw new InvalidOperationException($"{slug}: unknown matched_via.type {other}"),
        };
        Assert.True(expectedSource == resolved.RootElement.GetProperty("combination_source").GetString(), $"{href}: combination_source");

        var effective = resolved.RootElement.GetProperty("effective");
        var reported = via.GetProperty("effective_properties");
        foreach (var (theirs, ours) in new[]
        {
            ("min_players", "min_players"), ("max_players", "max_players"), ("min_playtime_minutes", "min_playtime"),
            ("max_playtime_minutes", "max_playtime"), ("weight", "weight"), ("min_age", "min_age"), ("best_at", "top_at"),
        })
        {
            Assert.True(Canonical(effective, theirs) == Canonical(reported, ours),
                $"{href}: {theirs} is {Canonical(effective, theirs)}, the search reported {ours} = {Canonical(reported, ours)}");
        }
    }

    /// <summary>A value as comparable text: numbers by value (4.070 = 4.07), arrays item by item, absent = null.</summary>
    private static string Canonical(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value)) return "null";
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDecimal().ToString("0.####", System.Globalization.CultureInfo.InvariantCulture),
            JsonValueKind.Array => "[" + string.Join(",", value.EnumerateArray().Select(v => v.GetInt32())) + "]",
            JsonValueKind.Null => "null",
            _ => value.GetRawText(),
        };
    }
}
