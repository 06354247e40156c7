using System.Net;
using System.Text.Json;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

/// <summary>The full base-value filter set of GET /v1/games on the sample data, and its summary.</summary>
public sealed class GameFilterTests(PostgresFixture postgres) : SampleApiTests(postgres)
{
    private const string Si = "spirit-island", Tm = "terraforming-mars", Bc = "spirit-island-branch-and-claw",
        Hz = "spirit-island-horizons", Je = "spirit-island-jagged-earth", Ni = "spirit-island-nature-incarnate";

    [Theory]
    // Per-count ratings: top (≥ 4.0 of 5) and recommended (≥ 3.0) counts; top_at is best_at's alias.
    [InlineData("best_at=1", new[] { Si })]
    [InlineData("top_at=2", new[] { Si, Tm })]
    [InlineData("recommended_at=4", new[] { Si, Tm })]
    // Publisher playtime by default; null data never matches.
    [InlineData("playtime_max=120", new[] { Hz, Si, Bc, Tm })]
    [InlineData("playtime_min=100", new[] { Tm })]
    [InlineData("playtime_max=160&playtime_source=community", new[] { Si })]
    [InlineData("community_playtime_max=150", new[] { Si })]
    [InlineData("community_playtime_min=80", new[] { Tm })]
    // Experience: Spirit Island's own first-play multiplier (1.57: 120 → 188.4), the default 1.50 elsewhere (120 → 180).
    [InlineData("playtime_experience=first_play&playtime_max=150", new[] { Hz })]
    [InlineData("playtime_experience=first_play&playtime_max=185", new[] { Hz, Bc, Tm })]
    [InlineData("playtime_experience=first_play&playtime_max=190", new[] { Hz, Si, Bc, Tm })]
    [InlineData("playtime_experience=expert&playtime_max=100", new[] { Hz, Si })]
    [InlineData("min_weight_votes=6000", new[] { Tm })]
    [InlineData("rating_min=8.5", new[] { Bc, Je, Ni })]
    [InlineData("rating_max=7.5", new[] { "spirit-island-promo-pack-1", "spirit-island-promo-pack-2" })]
    [InlineData("min_rating_votes=10000", new[] { Si, Tm })]
    [InlineData("confidence_min=0.95", new[] { Tm })]
    [InlineData("age_max=12", new[] { Hz, Tm })]
    [InlineData("age_min=14&age_source=community", new[] { Si, Tm })]
    [InlineData("mechanics=cooperative,engine-building", new[] { Si, Tm })]
    [InlineData("mechanics_all=hand-management,variable-player-powers", new[] { Si, Tm })]
    [InlineData("mechanics_all=hand-management,cooperative", new[] { Si })]
    [InlineData("mechanics=hand-management&mechanics_not=engine-building", new[] { Si })]
    [InlineData("themes=space", new[] { Tm })]
    [InlineData("theme_not=space&type=base_game", new[] { Si })]
    [InlineData("categories=cooperative-game,engine-builder", new[] { Si, Tm })]
    [InlineData("categories=cooperative-game,engine-builder&category=engine-builder", new[] { Tm })]
    [InlineData("language_dependence=moderate_text", new[] { Si, Tm })]
    [InlineData("language_dependence=no_text,some_text", new string[0])]
    [InlineData("mode=cooperative,competitive&type=base_game", new[] { Si, Tm })]
    [InlineData("mechanics=&themes=", new[] { Hz, Si, Bc, Je, Ni, "spirit-island-promo-pack-1", "spirit-island-promo-pack-2", Tm })]
    public async Task EachDimensionFiltersOnBaseValues(string query, string[] expected)
    {
        using var page = await GetValidAsync($"/v1/games?{query}");

        Assert.Equal(expected, Slugs(page));
    }

    [Fact]
    public async Task WhatShouldWePlayFourPlayersAboutNinetyMinutesMediumWeightCooperativeNoSpace()
    {
        using var page = await GetValidAsync(
            "/v1/games?players=4&playtime_max=120&weight_min=2.5&weight_max=4.0&mode=cooperative&theme_not=space&mechanics=cooperative,hand-management");

        // Branch & Claw is cooperative for 4 but weighs 4.01; Horizons stops at 3 players.
        Assert.Equal([Si], Slugs(page));
        var summary = page.RootElement.GetProperty("meta").GetProperty("filter_summary");
        var applied = summary.GetProperty("filters_applied");
        Assert.Equal("Weight between 2.5 and 4.0", applied.GetProperty("weight").GetString());
        Assert.Equal("Includes any of: cooperative, hand-management", applied.GetProperty("mechanics").GetString());
        Assert.Equal("must not have: space", applied.GetProperty("themes").GetString());
        Assert.Equal("Supports 4 players", applied.GetProperty("players").GetString());
        Assert.Equal(1, summary.GetProperty("total_matching").GetInt32());
        Assert.Equal(8, summary.GetProperty("total_unfiltered").GetInt32());
    }

    [Fact]
    public async Task DesignerPublisherAndFamilyAcceptUuidsAsWellAsSlugs()
    {
        using var designer = await Http.GetJsonAsync("/v1/designers/r-eric-reuss");
        var id = designer.RootElement.GetProperty("id").GetString();

        using var byId = await GetValidAsync($"/v1/games?designer={id}&type=base_game");
        using var mixed = await GetValidAsync($"/v1/games?designer=jacob-fryxelius,{id}&type=base_game");

        Assert.Equal([Si], Slugs(byId));
        Assert.Equal([Si, Tm], Slugs(mixed));
    }

    [Fact]
    public async Task UnknownNamesAreUnprocessableNamingFieldAndValue()
    {
        using var response = await Http.GetAsync(
            $"/v1/games?mechanics=cooperative,not-a-mechanic&theme_not=not-a-theme&publisher={Guid.Empty}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = await ErrorsAsync(response, 422);
        Assert.Equal(["mechanics", "publisher", "theme_not"], errors.Keys.Order());
        Assert.Contains("'not-a-mechanic'", errors["mechanics"]);
        Assert.DoesNotContain("'cooperative'", errors["mechanics"]);
        Assert.Contains(Guid.Empty.ToString(), errors["publisher"]);
    }

    [Fact]
    public async Task EveryBadValueIsListedAtOnce()
    {
        using var response = await Http.GetAsync(
            "/v1/games?rating_min=11&confidence_min=2&age_min=10&age_max=8&playtime_min=200&playtime_max=100&playtime_source=box" +
            "&playtime_experience=veteran&language_dependence=lots&mechanics=Not_A_Slug&category=a,b&best_at=0&min_rating_votes=x",
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await ErrorsAsync(response, 400);
        Assert.Equal(
            ["age_min", "best_at", "category", "confidence_min", "language_dependence", "mechanics", "min_rating_votes",
             "playtime_experience", "playtime_min", "playtime_source", "rating_min"],
            errors.Keys.Order());
    }

    [Fact]
    public async Task EffectiveFalseIsPlainFilteringAndAnythingElseIsATypeError()
    {
        using var plain = await GetValidAsync("/v1/games?effective=false&type=base_game");
        using var response = await Http.GetAsync("/v1/games?effective=yes", TestContext.Current.CancellationToken);

        Assert.Equal([Si, Tm], Slugs(plain));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["effective"], (await ErrorsAsync(response, 400)).Keys);
    }

    [Fact]
    public async Task AnUnfilteredListSummarisesNothingApplied()
    {
        using var page = await GetValidAsync("/v1/games?limit=2");

        var summary = page.RootElement.GetProperty("meta").GetProperty("filter_summary");
        Assert.Empty(summary.GetProperty("filters_applied").EnumerateObject());
        Assert.Equal(8, summary.GetProperty("total_matching").GetInt32());
    }

    private Task<JsonDocument> GetValidAsync(string href) => Http.GetValidGamesAsync(href);

    private static List<string> Slugs(JsonDocument page) => GamePages.Slugs(page);

    private static async Task<Dictionary<string, string>> ErrorsAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        SpecSchema.AssertValid("/games", "get", status, body);
        using var problem = JsonDocument.Parse(body);
        return problem.RootElement.GetProperty("errors").EnumerateArray()
            .ToDictionary(e => e.GetProperty("field").GetString()!, e => e.GetProperty("message").GetString()!);
    }
}
