using System.Text.Json;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

/// <summary>
/// Effective mode over a few thousand synthetic games, whose add-ons carry deltas, curated
/// combinations and integrations: every variant a search reports agrees with the effective-properties
/// endpoint, and the filters hold on the reported variant.
/// </summary>
public sealed class EffectiveVariantsCrossCheckTests(SyntheticApi synthetic) : IClassFixture<SyntheticApi>
{
    [Fact]
    public async Task EveryReportedVariantResolvesToTheSameProperties()
    {
        var http = synthetic.Api.CreateClient();
        var checkedTypes = new HashSet<string>();
        var integrations = 0;
        var checkedCount = 0;
        foreach (var query in new[]
        {
            "players=7&include_integrations=true", "players=6&weight_min=3.2&include_integrations=true",
            "players=8", "weight_min=4.2&players_max=5", "playtime_min=120&players=5&include_integrations=true",
        })
        {
            string? href = $"/v1/games?effective=true&limit=100&sort=name&{query}";
            for (var pages = 0; href is not null && pages < 3; pages++)
            {
                using var page = await http.GetJsonAsync(href);
                SpecSchema.AssertValid("/games", "get", 200, page.RootElement.GetRawText());
                foreach (var game in page.RootElement.GetProperty("data").EnumerateArray())
                {
                    var via = game.GetProperty("matched_via");
                    var type = via.GetProperty("type").GetString()!;
                    if (via.GetProperty("integration").GetBoolean())
                    {
                        Assert.Contains("include_integrations=true", query);
                        integrations++;
                    }
                    // Every non-base variant, and a few base ones.
                    if (type == "base" && checkedTypes.Contains("base")) continue;
                    checkedTypes.Add(type);
                    checkedCount++;
                    await EffectiveCrossCheck.AssertAgreesAsync(http, game);
                }
                var next = page.RootElement.GetProperty("_links").GetProperty("next");
                href = next.ValueKind == JsonValueKind.Null ? null : next.GetProperty("href").GetString();
            }
        }

        // The queries reach every kind of variant, so the cross-check covered each of them.
        Assert.Equal(["base", "delta_sum", "expansion_combination"], checkedTypes.Order(StringComparer.Ordinal));
        Assert.True(integrations > 0, "no integration variant was reported");
        Assert.True(checkedCount >= 50, $"only {checkedCount} variants were cross-checked");
    }

    [Fact]
    public async Task TheReportedVariantMeetsTheFilters()
    {
        var http = synthetic.Api.CreateClient();
        using var page = await http.GetJsonAsync("/v1/games?effective=true&players=7&weight_max=3.5&playtime_max=150&limit=100");

        var games = page.RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.NotEmpty(games);
        Assert.All(games, game =>
        {
            var p = game.GetProperty("matched_via").GetProperty("effective_properties");
            Assert.True(p.GetProperty("min_players").GetInt32() <= 7 && p.GetProperty("max_players").GetInt32() >= 7);
            Assert.True(p.GetProperty("weight").GetDecimal() <= 3.5m);
            Assert.True(p.GetProperty("max_playtime").GetInt32() <= 150);
            Assert.False(game.GetProperty("matched_via").GetProperty("integration").GetBoolean());
        });
        // Most of these games cannot seat seven on their own: the expansions are doing the work.
        Assert.Contains(games, g => g.GetProperty("max_players").GetInt32() < 7);
    }

    [Fact]
    public async Task IncludingIntegrationsOnlyEverAddsGames()
    {
        var http = synthetic.Api.CreateClient();
        using var without = await http.GetJsonAsync("/v1/games?effective=true&players=8&limit=100");
        using var with = await http.GetJsonAsync("/v1/games?effective=true&players=8&include_integrations=true&limit=100");

        var total = without.RootElement.GetProperty("meta").GetProperty("total").GetInt32();
        var totalWith = with.RootElement.GetProperty("meta").GetProperty("total").GetInt32();
        Assert.True(totalWith > total, $"{totalWith} with integrations, {total} without");
        Assert.True(with.RootElement.GetProperty("meta").GetProperty("include_integrations").GetBoolean());
    }
}
